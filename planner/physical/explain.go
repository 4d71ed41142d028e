package physical

import (
	"fmt"
	"strings"

	"github.com/warehoused/warehoused/planner/cost"
	"github.com/warehoused/warehoused/planner/plan"
)

// xnode is one line of EXPLAIN output with its detail lines and children.
type xnode struct {
	name     string
	rows     float64
	width    int
	startup  float64
	total    float64
	details  []string
	children []*xnode
	actual   []sliceStat // EXPLAIN ANALYZE counters per slice; nil otherwise
	shared   bool        // a hash join's build, run once for all its slices
}

// explainer renders a logical plan the way Build executes it.
type explainer struct {
	est   *cost.Estimator
	names map[plan.ColumnID]string
	an    *Analysis // counters for EXPLAIN ANALYZE; nil for EXPLAIN
}

// Explain renders the plan n as EXPLAIN prints it (Redshift's style:
// "XN Hash Join DS_BCAST_INNER  (cost=... rows=... width=...)" lines, indented with "->").
// Costs are relative: roughly the rows each step handles, cumulated upwards.
func Explain(n plan.Node, env *Env) string {
	x := &explainer{est: cost.New(), names: map[plan.ColumnID]string{}}
	x.collectNames(n)
	root := x.node(n, true)
	var sb strings.Builder
	write(&sb, root, 0)
	return sb.String()
}

func (x *explainer) collectNames(n plan.Node) {
	for _, c := range n.Schema() {
		if _, ok := x.names[c.ID]; ok {
			continue
		}
		if c.Table != "" {
			x.names[c.ID] = c.Table + "." + c.Name
		} else {
			x.names[c.ID] = c.Name
		}
	}
	for _, ch := range n.Children() {
		x.collectNames(ch)
	}
}

func (x *explainer) expr(e plan.Expr) string {
	return ExprString(e, func(c *plan.ColRef) string {
		if s, ok := x.names[c.ID]; ok {
			return s
		}
		return c.Name
	})
}

func (x *explainer) mk(name string, n plan.Node, children ...*xnode) *xnode {
	r := &xnode{name: name, rows: x.est.Rows(n), width: cost.Width(n.Schema()), children: children}
	for _, c := range children {
		r.total += c.total
	}
	r.total += r.rows * 0.01
	return r
}

// blocking marks a node that consumes its whole input before producing rows.
func blocking(r *xnode) *xnode {
	for _, c := range r.children {
		r.startup += c.total
	}
	return r
}

func (x *explainer) node(n plan.Node, top bool) *xnode {
	return x.annotate(x.node1(n, top), n)
}

func (x *explainer) node1(n plan.Node, top bool) *xnode {
	switch p := n.(type) {
	case *plan.Scan:
		name := "XN Seq Scan on " + p.Table.Name
		if p.Alias != "" && p.Alias != p.Table.Name {
			name += " " + p.Alias
		}
		r := x.mk(name, n)
		r.total = cost.TableRows(p) * 0.01
		if p.Filter != nil {
			r.details = append(r.details, "Filter: "+x.expr(p.Filter))
		}
		if l := x.an.blocksLine(p); l != "" {
			r.details = append(r.details, l)
		}
		return r
	case *plan.SystemScan:
		return x.mk("XN Seq Scan on "+p.Table.Name, n)
	case *plan.Values:
		return x.mk("XN Result", n)
	case *plan.Filter:
		c := x.node(p.Input, top)
		c.details = append(c.details, "Filter: "+x.expr(p.Pred))
		c.rows = x.est.Rows(n)
		return c
	case *plan.Project:
		c := x.node(p.Input, top)
		c.width = cost.Width(p.Cols)
		return c
	case *plan.Max1Row:
		return x.node(p.Input, top)
	case *plan.Join:
		return x.join(p)
	case *plan.Aggregate:
		name := "XN HashAggregate"
		if len(p.GroupBy) == 0 {
			name = "XN Aggregate"
		}
		return blocking(x.mk(name, n, x.node(p.Input, false)))
	case *plan.Window:
		r := blocking(x.mk("XN Window", n, x.node(p.Input, false)))
		if len(p.Funcs) > 0 {
			f := p.Funcs[0]
			if len(f.PartitionBy) > 0 {
				r.details = append(r.details, "Partition: "+x.exprs(f.PartitionBy))
			}
			if len(f.OrderBy) > 0 {
				r.details = append(r.details, "Order: "+x.sortKeys(f.OrderBy))
			}
		}
		return r
	case *plan.Sort:
		s := blocking(x.mk("XN Sort", n, x.node(p.Input, false)))
		s.details = []string{"Sort Key: " + x.sortKeys(p.Keys)}
		if !top {
			return s
		}
		// A final ORDER BY: slices sort, the leader merges.
		net := x.mk("XN Network", n, s)
		net.details = []string{"Send to leader"}
		m := x.mk("XN Merge", n, net)
		m.details = []string{"Merge Key: " + x.sortKeys(p.Keys)}
		return m
	case *plan.Limit:
		return x.mk("XN Limit", n, x.node(p.Input, top))
	case *plan.SetOp:
		l, r := x.node(p.Left, false), x.node(p.Right, false)
		switch p.Kind {
		case plan.Union:
			app := x.mk("XN Append", n, l, r)
			if p.All {
				return app
			}
			return blocking(x.mk("XN Unique", n, app))
		case plan.Intersect:
			name := "XN Hash Intersect Distinct"
			if p.All {
				name = "XN Hash Intersect All"
			}
			return blocking(x.mk(name, n, l, r))
		}
		name := "XN SetOp Except"
		if p.All {
			name = "XN SetOp Except All"
		}
		return blocking(x.mk(name, n, l, r))
	case *plan.RecursiveCTE:
		return x.mk("XN Recursive Union", n, x.node(p.Anchor, false), x.node(p.Recursive, false))
	case *plan.WorkTableScan:
		return x.mk("XN WorkTable Scan", n)
	case *plan.TableFunc:
		return x.mk("XN Function Scan on "+p.Name, n)
	}
	return x.mk(fmt.Sprintf("XN %T", n), n)
}

var joinWords = [...]string{"Join", "Left Join", "Right Join", "Full Join", "Semi Join", "Anti Join", "Mark Join"}

// join renders a hash join (probe side first, then the Hash of the build
// side) or a nested loop, as Build would choose.
func (x *explainer) join(j *plan.Join) *xnode {
	keys, rest := splitJoinCond(j.Cond, j.Left.Schema(), j.Right.Schema())
	left, right := x.node(j.Left, false), x.node(j.Right, false)
	if len(keys) == 0 {
		name := "XN Nested Loop"
		if j.Kind != plan.JoinInner {
			name += " " + joinWords[j.Kind]
		}
		r := x.mk(name+" "+joinDist(j, false, x.est).label, j, left, right)
		if j.Cond != nil {
			r.details = append(r.details, "Join Filter: "+x.expr(j.Cond))
		}
		return r
	}
	swap := false
	switch j.Kind {
	case plan.JoinInner, plan.JoinLeft, plan.JoinRight, plan.JoinFull:
		swap = x.est.Rows(j.Left) < x.est.Rows(j.Right)
	case plan.JoinSemi, plan.JoinAnti:
		swap = buildsTested(j, x.est)
	}
	probe, build, buildPlan := left, right, j.Right
	kind := j.Kind
	if swap {
		probe, build, buildPlan = right, left, j.Left
		switch kind {
		case plan.JoinLeft:
			kind = plan.JoinRight
		case plan.JoinRight:
			kind = plan.JoinLeft
		}
	}
	dist := joinDist(j, swap, x.est)
	hash := blocking(x.mk("XN Hash", buildPlan, build))
	hash.shared = !dist.colocated
	if x.an != nil {
		hash.actual = x.an.statsOf(x.an.hash, j)
	}
	word := joinWords[kind]
	if swap && (kind == plan.JoinSemi || kind == plan.JoinAnti) {
		word = "Right " + word // builds on the tested rows (see buildsTested)
	}
	r := x.mk("XN Hash "+word+" "+dist.label, j, probe, hash)
	conds := make([]string, len(keys))
	for i, k := range keys {
		a, b := k.left, k.right
		if swap {
			a, b = b, a
		}
		conds[i] = "(" + x.expr(a) + " = " + x.expr(b) + ")"
	}
	hc := strings.Join(conds, " AND ")
	if len(conds) > 1 {
		hc = "(" + hc + ")"
	}
	r.details = append(r.details, "Hash Cond: "+hc)
	if len(rest) > 0 {
		r.details = append(r.details, "Join Filter: "+x.expr(plan.AndOf(rest)))
	}
	if !swap && reducer(j, x.est) != nil {
		r.details = append(r.details, "Inner reduced: semi join with the recomputed outer keys")
	}
	return r
}

// distLabel is how the inner side of a nested loop reaches every slice:
// gathered from all slices and broadcast when it reads a table, nothing
// moves otherwise. Hash joins are labelled by joinDist.
func distLabel(build plan.Node) string {
	if readsTable(build) {
		return "DS_BCAST_INNER"
	}
	return "DS_DIST_NONE"
}

func readsTable(n plan.Node) bool {
	if _, ok := n.(*plan.Scan); ok {
		return true
	}
	for _, c := range n.Children() {
		if readsTable(c) {
			return true
		}
	}
	return false
}

func (x *explainer) exprs(es []plan.Expr) string {
	parts := make([]string, len(es))
	for i, e := range es {
		parts[i] = x.expr(e)
	}
	return strings.Join(parts, ", ")
}

func (x *explainer) sortKeys(keys []plan.SortKey) string {
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = x.expr(k.Expr)
		if k.Desc {
			parts[i] += " DESC"
		}
	}
	return strings.Join(parts, ", ")
}

// write prints r with its "XN" at column col.
func write(sb *strings.Builder, r *xnode, col int) {
	if col > 0 {
		sb.WriteString(strings.Repeat(" ", col-4) + "->  ")
	}
	act, slices := actualText(r)
	fmt.Fprintf(sb, "%s  (cost=%.2f..%.2f rows=%.0f width=%d)%s\n", r.name, r.startup, max(r.total, r.startup), r.rows, r.width, act)
	if slices != "" {
		sb.WriteString(strings.Repeat(" ", col+2) + slices + "\n")
	}
	for _, d := range r.details {
		sb.WriteString(strings.Repeat(" ", col+2) + d + "\n")
	}
	for _, c := range r.children {
		write(sb, c, col+6)
	}
}
