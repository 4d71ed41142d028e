package rules

import (
	"strings"

	"github.com/warehoused/warehoused/catalog"
	"github.com/warehoused/warehoused/planner/plan"
	"github.com/warehoused/warehoused/types"
)

// fixture builds small logical plans over fake tables.
type fixture struct{ ids plan.IDGen }

// scan returns a scan of a fake table with the given row count; columns are
// "name" (BIGINT) or "name:type" (date, text, bool).
func (f *fixture) scan(name string, rows int64, cols ...string) *plan.Scan {
	t := &catalog.Table{Name: name, RowCount: rows, DistKey: -1}
	s := &plan.Scan{Table: t}
	for i, c := range cols {
		n, typ := c, types.Int64Type
		if k := strings.IndexByte(c, ':'); k >= 0 {
			n = c[:k]
			switch c[k+1:] {
			case "date":
				typ = types.DateType
			case "text":
				typ = types.TextType
			case "bool":
				typ = types.BoolType
			}
		}
		t.Columns = append(t.Columns, catalog.Column{Name: n, Type: typ})
		s.Columns = append(s.Columns, i)
		s.Cols = append(s.Cols, plan.Column{ID: f.ids.New(), Name: n, Table: name, Type: typ, Nullable: true})
	}
	return s
}

// col references the named output column of n.
func col(n plan.Node, name string) *plan.ColRef {
	for _, c := range n.Schema() {
		if c.Name == name {
			return &plan.ColRef{ID: c.ID, Typ: c.Type, Name: c.Name}
		}
	}
	panic("no column " + name)
}

func call(op string, a, b plan.Expr) *plan.Call {
	return &plan.Call{Name: op, Args: []plan.Expr{a, b}, Typ: types.BoolType}
}

func eq(a, b plan.Expr) *plan.Call { return call("=", a, b) }
func gt(a, b plan.Expr) *plan.Call { return call(">", a, b) }
func i64(v int64) *plan.Const      { return &plan.Const{Value: v, Typ: types.Int64Type} }
func and(es ...plan.Expr) plan.Expr {
	return &plan.BoolOp{Op: plan.OpAnd, Args: es}
}

func cross(l, r plan.Node) *plan.Join { return &plan.Join{Kind: plan.JoinInner, Left: l, Right: r} }

// project keeps the given columns of n.
func (f *fixture) project(n plan.Node, names ...string) *plan.Project {
	p := &plan.Project{Input: n}
	for _, name := range names {
		c := col(n, name)
		p.Exprs = append(p.Exprs, c)
		p.Cols = append(p.Cols, plan.Column{ID: f.ids.New(), Name: name, Type: c.Typ})
	}
	return p
}

// countNodes counts nodes of n for which pred holds.
func countNodes(n plan.Node, pred func(plan.Node) bool) int {
	k := 0
	if pred(n) {
		k++
	}
	for _, c := range n.Children() {
		k += countNodes(c, pred)
	}
	return k
}
