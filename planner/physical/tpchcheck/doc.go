// Package tpchcheck runs the 22 TPC-H queries through the whole planner
// (parse, bind, optimise, build) over in-memory SF0.01 tables and compares
// the answers with the expected ones. It has no code besides its test.
package tpchcheck
