// Package bind turns AST statements into logical plans: name resolution, type
// checking and coercion, aggregate/window extraction, and subquery
// decorrelation, so that no plan.Subquery survives binding.
package bind

import (
	"github.com/warehoused/warehoused/catalog"
	"github.com/warehoused/warehoused/planner/plan"
	"github.com/warehoused/warehoused/sql/ast"
	"github.com/warehoused/warehoused/types"
)

// Catalog is what the binder needs from the database.
type Catalog interface {
	// LookupTable finds a table, view or system relation; schema "" searches
	// the search path. Missing: 42P01.
	LookupTable(schema, name string) (*catalog.Table, error)
	// ParseSelect parses a view's defining query.
	ParseSelect(sql string) (*ast.Select, error)
	// ParseExpr parses a column DEFAULT.
	ParseExpr(sql string) (ast.Expr, error)
}

// Binder binds the statements of one execution. Not safe for concurrent use.
type Binder struct {
	cat    Catalog
	ids    *plan.IDGen
	params []types.T
	reg    registry
	workID int // last RecursiveCTE WorkID handed out
	// domIn is the outer input of the subquery being decorrelated: the
	// source of correlated values for joins that cannot pull their
	// correlation up (see domainJoin).
	domIn plan.Node
}

// New returns a binder. paramTypes gives the known types of $1..$n (entries
// may be types.UnknownType, or the slice shorter than the highest $n used):
// unknown ones are inferred from context (and default to TEXT).
func New(cat Catalog, paramTypes []types.T) *Binder {
	return &Binder{cat: cat, ids: &plan.IDGen{}, params: append([]types.T(nil), paramTypes...), reg: execRegistry{}}
}

// IDs is the column-ID generator; rules continue from it.
func (b *Binder) IDs() *plan.IDGen { return b.ids }

// ParamTypes returns the types of $1..$n after binding.
func (b *Binder) ParamTypes() []types.T {
	for i, t := range b.params {
		if t.ID == types.Unknown {
			b.params[i] = types.TextType
		}
	}
	return b.params
}

// BindSelect binds a query. The result's Schema is the query's output columns,
// in order, named as PostgreSQL names them (alias, column name, function name
// or "?column?").
func (b *Binder) BindSelect(sel *ast.Select) (plan.Node, error) {
	n, err := b.bindStatementQuery(sel)
	if err != nil {
		return nil, err
	}
	return n, b.finish(n)
}

// BindInsert binds an INSERT's source; the result outputs every column of
// table t in table order, with DEFAULTs filled in and values assignment-cast
// to the column types (identity columns not given are NULL; the engine fills them).
func (b *Binder) BindInsert(stmt *ast.InsertStmt, t *catalog.Table) (plan.Node, error) {
	n, err := b.bindInsert(stmt, t)
	if err != nil {
		return nil, err
	}
	return n, b.finish(n)
}

// BindDelete binds a DELETE; the result outputs one BIGINT column: the row ids
// (scan column ordinal -1) of the rows to delete, each once.
func (b *Binder) BindDelete(stmt *ast.DeleteStmt, t *catalog.Table) (plan.Node, error) {
	n, err := b.bindDelete(stmt, t)
	if err != nil {
		return nil, err
	}
	return n, b.finish(n)
}

// BindUpdate binds an UPDATE; the result outputs the row id (BIGINT) followed
// by the new value of every column of t in table order, one row per updated row.
func (b *Binder) BindUpdate(stmt *ast.UpdateStmt, t *catalog.Table) (plan.Node, error) {
	n, err := b.bindUpdate(stmt, t)
	if err != nil {
		return nil, err
	}
	return n, b.finish(n)
}
