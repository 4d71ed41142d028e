// Package sql turns SQL text into warehoused's AST (package sql/ast), using
// PostgreSQL's own grammar (pg_query_go) plus a small Redshift layer.
package sql

import (
	"github.com/warehoused/warehoused/sql/ast"
	"github.com/warehoused/warehoused/sqlerr"
)

// Parsed is one statement of a script.
type Parsed struct {
	Stmt ast.Stmt
	SQL  string // the statement's own text, without the terminating ';'
}

// Parse parses a script of zero or more ';'-separated statements. Syntax
// errors carry 42601 and the 1-based position; statements we do not support
// carry 0A000 naming the statement.
// STUB: owned by the parser helper.
func Parse(text string) ([]Parsed, error) {
	return nil, sqlerr.Newf(sqlerr.FeatureNotSupported, "parser not implemented")
}

// ParseExpr parses a single scalar expression (column DEFAULTs).
// STUB: owned by the parser helper.
func ParseExpr(text string) (ast.Expr, error) {
	return nil, sqlerr.Newf(sqlerr.FeatureNotSupported, "parser not implemented")
}
