// Package sqllogictest runs the sqllogictest files under testdata/sql against
// warehoused (TestSQL) and, for regenerating expected results, against any
// other Session, such as a PostgreSQL server.
//
// The file format follows the CockroachDB/DuckDB dialect of sqllogictest:
//
//	# comment
//	statement ok
//	CREATE TABLE t (a INT)
//
//	statement error pgcode 22012 division by zero
//	SELECT 1/0
//
//	query IT rowsort
//	SELECT a, b FROM t
//	----
//	1 one
//	2 (empty)
//
// A record ends at the first blank line. Column type letters: I integer,
// R float or decimal, T text (and interval), B boolean, D date, time and
// timestamp. NULL renders as NULL and the empty string as (empty). Expected
// values are separated by a single space, or by tabs when a value holds
// whitespace. R values match within a relative tolerance of 1e-9.
//
// A first-line directive `# config: batch-size=1,7,2048` runs the file once
// per listed value.
package sqllogictest

// Kind tells what a record does.
type Kind int

// Record kinds.
const (
	KindStatement Kind = iota // statement ok / statement error
	KindQuery                 // query <types> [sort] [label]
	KindHalt                  // halt: stop reading the file
)

// SortMode says how result rows are ordered before comparison.
type SortMode int

// Sort modes.
const (
	NoSort    SortMode = iota // compare in the order returned
	RowSort                   // sort rows as strings
	ValueSort                 // sort all values individually (one value per expected line)
)

// Record is one test step of a file.
type Record struct {
	Kind Kind
	Line int    // 1-based line of the record's first line (the keyword)
	SQL  string // statement or query text

	// Errors: ExpectError is set for "statement error"/"query error".
	ExpectError bool
	ErrCode     string // SQLSTATE that must match, "" for any
	ErrRegex    string // regexp the message must match, "" for any

	// Queries.
	Types    string   // one letter per column
	Sort     SortMode // how rows are ordered before comparison
	Label    string   // optional label (unused beyond reporting)
	Expected []string // expected lines as written (rows, or values for valuesort)
	// ResultStart/ResultEnd delimit Expected in the file's lines (0-based,
	// end exclusive); ResultStart is the line after "----", or -1 when the
	// record has no "----" line. HeaderLine is the 0-based line of the keyword.
	ResultStart, ResultEnd int
	HeaderLine             int
	SQLEnd                 int // 0-based line after the SQL text

	// Conditions: the record runs only if no SkipIf names the engine and
	// OnlyIf is empty or names it.
	SkipIf []string
	OnlyIf []string
}

// File is a parsed sqllogictest file.
type File struct {
	Path    string
	Lines   []string            // the raw lines, for rewriting
	Records []*Record           // in file order
	Configs map[string][]string // from "# config: k=v1,v2 k2=..." on the first lines
}

// Applies reports whether r runs on the named engine.
func (r *Record) Applies(engine string) bool {
	for _, s := range r.SkipIf {
		if s == engine {
			return false
		}
	}
	if len(r.OnlyIf) == 0 {
		return true
	}
	for _, s := range r.OnlyIf {
		if s == engine {
			return true
		}
	}
	return false
}
