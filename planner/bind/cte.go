package bind

import (
	"github.com/warehoused/warehoused/planner/plan"
	"github.com/warehoused/warehoused/sql/ast"
	"github.com/warehoused/warehoused/sqlerr"
	"github.com/warehoused/warehoused/types"
)

// cteEnv is one level of WITH names; each CTE gets its own level so that a
// CTE body sees only the CTEs before it (and itself when recursive).
type cteEnv struct {
	parent *cteEnv
	name   string
	def    *cteDef
}

type cteDef struct {
	cte       *ast.CTE
	env       *cteEnv // what the body sees
	recursive bool
	work      *workRef // set while binding the recursive term
	binding   bool     // the body is being bound (a self-reference now is invalid)
}

// workRef is the working table a recursive term reads.
type workRef struct {
	id    int
	names []string
	types []types.T
	used  bool
}

func (e *cteEnv) lookup(name string) *cteDef {
	for cur := e; cur != nil; cur = cur.parent {
		if cur.name == name {
			return cur.def
		}
	}
	return nil
}

// push adds the CTEs of a WITH clause.
func (e *cteEnv) push(w *ast.With) (*cteEnv, error) {
	seen := map[string]bool{}
	cur := e
	for _, c := range w.CTEs {
		if seen[c.Name] {
			return nil, errAt(sqlerr.Newf(sqlerr.DuplicateAlias, "WITH query name \"%s\" specified more than once", c.Name), c.Loc)
		}
		seen[c.Name] = true
		def := &cteDef{cte: c, env: cur, recursive: w.Recursive}
		cur = &cteEnv{parent: cur, name: c.Name, def: def}
		if w.Recursive {
			def.env = cur
		}
	}
	return cur, nil
}

// bindCTERef binds one reference to a CTE: the query is bound afresh (inlined)
// so every use has its own column IDs.
func (b *Binder) bindCTERef(def *cteDef) (plan.Node, error) {
	c := def.cte
	if def.work != nil {
		def.work.used = true
		cols := make(plan.Schema, len(def.work.types))
		for i := range cols {
			cols[i] = plan.Column{ID: b.ids.New(), Name: def.work.names[i], Table: c.Name, Type: def.work.types[i], Nullable: true}
		}
		return &plan.WorkTableScan{WorkID: def.work.id, Cols: cols}, nil
	}
	if def.binding {
		return nil, errAt(sqlerr.Newf(sqlerr.InvalidRecursion, "recursive query \"%s\" does not have the form non-recursive-term UNION [ALL] recursive-term", c.Name), c.Loc)
	}
	def.binding = true
	defer func() { def.binding = false }()
	if def.recursive && c.Query.Op == ast.SetUnion && c.Query.With == nil && len(c.Query.OrderBy) == 0 && c.Query.Limit == nil {
		n, ok, err := b.bindRecursive(def)
		if err != nil || ok {
			return n, err
		}
	}
	n, _, err := b.bindQuery(c.Query, nil, def.env, false)
	if err != nil {
		return nil, err
	}
	return b.renameCols(n, c.Name, c.Columns, c.Loc)
}

// renameCols applies a CTE's column list (fresh IDs only when names change).
func (b *Binder) renameCols(n plan.Node, table string, names []string, loc int) (plan.Node, error) {
	s := n.Schema()
	if len(names) > len(s) {
		return nil, errAt(sqlerr.Newf(sqlerr.InvalidColumnReference, "WITH query \"%s\" has %d columns available but %d columns specified", table, len(s), len(names)), loc)
	}
	if len(names) == 0 {
		return n, nil
	}
	exprs := make([]plan.Expr, len(s))
	out := make([]string, len(s))
	for i, c := range s {
		exprs[i] = &plan.ColRef{ID: c.ID, Typ: c.Type, Name: c.Name}
		out[i] = c.Name
		if i < len(names) {
			out[i] = names[i]
		}
	}
	return b.project(n, exprs, out), nil
}

// bindRecursive binds `anchor UNION [ALL] recursive-term`. ok is false when
// the second term does not refer to the CTE (then it is an ordinary UNION).
func (b *Binder) bindRecursive(def *cteDef) (plan.Node, bool, error) {
	c := def.cte
	q := c.Query
	anchor, _, err := b.bindQuery(q.Left, nil, def.env, false)
	if err != nil {
		return nil, false, err
	}
	as := anchor.Schema()
	if len(c.Columns) > len(as) {
		return nil, false, errAt(sqlerr.Newf(sqlerr.InvalidColumnReference, "WITH query \"%s\" has %d columns available but %d columns specified", c.Name, len(as), len(c.Columns)), c.Loc)
	}
	w := &workRef{id: b.nextWorkID()}
	for i, col := range as {
		name := col.Name
		if i < len(c.Columns) {
			name = c.Columns[i]
		}
		w.names = append(w.names, name)
		w.types = append(w.types, col.Type)
	}
	def.work = w
	rec, _, err := b.bindQuery(q.Right, nil, def.env, false)
	def.work = nil
	if err != nil {
		return nil, false, err
	}
	if !w.used {
		return nil, false, nil
	}
	if what := aggOverWork(rec, w.id); what != "" {
		return nil, false, errAt(sqlerr.Newf(sqlerr.InvalidRecursion, "%s are not allowed in a recursive query's recursive term", what), c.Loc)
	}
	rs := rec.Schema()
	if len(rs) != len(as) {
		return nil, false, errAt(sqlerr.Newf(sqlerr.SyntaxError, "each UNION query must have the same number of columns"), c.Loc)
	}
	for i := range rs {
		if rs[i].Type != as[i].Type && !b.reg.CanCast(rs[i].Type, as[i].Type, false) && !(rs[i].Type.IsNumeric() && as[i].Type.IsNumeric()) && !(rs[i].Type.IsString() && as[i].Type.IsString()) {
			return nil, false, errAt(sqlerr.Newf(sqlerr.DatatypeMismatch, "recursive query \"%s\" column %d has type %s in non-recursive term but type %s overall", c.Name, i+1, as[i].Type, rs[i].Type), c.Loc)
		}
	}
	if rec, err = b.castColumns(rec, w.types); err != nil {
		return nil, false, err
	}
	cols := make(plan.Schema, len(as))
	for i := range as {
		cols[i] = plan.Column{ID: b.ids.New(), Name: w.names[i], Table: c.Name, Type: w.types[i], Nullable: true}
	}
	return &plan.RecursiveCTE{WorkID: w.id, Anchor: anchor, Recursive: rec, Distinct: !q.All, Cols: cols}, true, nil
}

func (b *Binder) nextWorkID() int {
	b.workID++
	return b.workID
}

// aggOverWork names what PostgreSQL forbids over the recursive reference
// (aggregate functions reading the work table), "" if none.
func aggOverWork(n plan.Node, id int) string {
	if x, ok := n.(*plan.Aggregate); ok && len(x.Aggs) > 0 && readsWork(x.Input, id) {
		return "aggregate functions"
	}
	for _, c := range n.Children() {
		if what := aggOverWork(c, id); what != "" {
			return what
		}
	}
	return ""
}

func readsWork(n plan.Node, id int) bool {
	if w, ok := n.(*plan.WorkTableScan); ok && w.WorkID == id {
		return true
	}
	for _, c := range n.Children() {
		if readsWork(c, id) {
			return true
		}
	}
	return false
}
