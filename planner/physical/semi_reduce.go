package physical

import (
	"strings"

	"github.com/warehoused/warehoused/exec"
	"github.com/warehoused/warehoused/planner/cost"
	"github.com/warehoused/warehoused/planner/plan"
)

// Semi-join reduction of a large build side.
//
// Superseded in buildJoin and EXPLAIN by the build-side semi/anti join (see
// buildsTested, whose lower ratio covers every join this would reduce); kept
// for plans that keep the usual direction.
//
// A semi or anti join always builds its hash table on the subquery side (the
// right input) and probes with the rows it tests. When that side is much
// larger than the tested side (TPC-H Q21: a few thousand joined lineitems
// EXISTS / NOT EXISTS lineitem), building it costs far more than the join:
// the build runs on one goroutine, the probes on every slice. The physical planner then first filters the build
// side by a semi join against the tested side's keys, recomputed: build on
// the small side, probe with the large one in parallel, and keep only the
// rows whose keys occur there. The real join then builds on what is left.
//
// Why it is correct: a right row whose keys equal no left row's keys matches
// no left row, whatever the residual condition, so removing it changes no
// semi or anti join result. A superset of the left rows' keys reduces as
// correctly as the exact set, so semi and anti joins stacked on the left
// input are left out of the recomputation. NOT IN (null-aware anti) joins
// are excluded: a NULL key on the right changes their result although it
// matches nothing.

// reduceMinRatio is how many times larger than the tested side the
// estimated build side must be to be reduced. Probing a row costs about as
// much as inserting one, so a reduction pays only when it removes nearly
// all of the build side and the recomputation is small (measured on TPC-H
// SF1: Q21 gains 2x; Q4, at a ratio of about 13, does not).
const reduceMinRatio = 50

// reducer returns the plan that recomputes a superset of the left rows of
// semi/anti join x for reducing its right side, or nil when x should not be
// reduced.
func reducer(x *plan.Join, est *cost.Estimator) plan.Node {
	if (x.Kind != plan.JoinSemi && x.Kind != plan.JoinAnti) || x.NullAware {
		return nil
	}
	left := x.Left
	for {
		j, ok := left.(*plan.Join)
		if !ok || (j.Kind != plan.JoinSemi && j.Kind != plan.JoinAnti) {
			break
		}
		left = j.Left
	}
	if !repeatable(left) {
		return nil
	}
	if est.Rows(x.Right) < reduceMinRatio*est.Rows(left) {
		return nil
	}
	// Recomputing must not read much more than the build it saves.
	if scanned(left, est) > 8*est.Rows(x.Right) {
		return nil
	}
	return left
}

// repeatable reports whether building n twice yields the same rows: scans,
// filters, projections and inner joins of those, with no volatile function.
func repeatable(n plan.Node) bool {
	switch x := n.(type) {
	case *plan.Scan:
		return deterministic(x.Filter)
	case *plan.Filter:
		return deterministic(x.Pred) && repeatable(x.Input)
	case *plan.Project:
		for _, e := range x.Exprs {
			if !deterministic(e) {
				return false
			}
		}
		return repeatable(x.Input)
	case *plan.Join:
		return x.Kind == plan.JoinInner && deterministic(x.Cond) && repeatable(x.Left) && repeatable(x.Right)
	}
	return false
}

// deterministic reports whether e calls no volatile function.
func deterministic(e plan.Expr) bool {
	if e == nil {
		return true
	}
	ok := true
	plan.WalkExpr(e, func(x plan.Expr) bool {
		if c, is := x.(*plan.Call); is {
			switch strings.ToLower(c.Name) {
			case "random", "nextval", "uuid", "gen_random_uuid", "clock_timestamp", "timeofday":
				ok = false
			}
		}
		return ok
	})
	return ok
}

// scanned estimates the table rows building n reads.
func scanned(n plan.Node, est *cost.Estimator) float64 {
	if s, ok := n.(*plan.Scan); ok {
		return est.BaseRows(s)
	}
	total := 0.0
	for _, c := range n.Children() {
		total += scanned(c, est)
	}
	return total
}

// reduceBuild keeps the rows of build (the right input of a semi/anti join)
// whose keys buildExprs equal the keys probeExprs of some row of red.
func (b *builder) reduceBuild(red plan.Node, build stream, probeExprs, buildExprs []plan.Expr) (stream, error) {
	need := map[plan.ColumnID]bool{}
	for _, e := range probeExprs {
		for id := range plan.ColumnsUsed(e) {
			need[id] = true
		}
	}
	rs, err := b.build(narrow(cheapen(red, need, b.est), need))
	if err != nil {
		closeAll(rs.ops)
		closeAll(build.ops)
		return stream{}, err
	}
	rs, rkeys, err := b.extend(rs, probeExprs, &b.ids)
	if err != nil {
		closeAll(rs.ops)
		closeAll(build.ops)
		return stream{}, err
	}
	bs, bkeys, err := b.extend(build, buildExprs, &b.ids)
	if err != nil {
		closeAll(rs.ops)
		closeAll(build.ops)
		return stream{}, err
	}
	spec := exec.JoinSpec{Type: exec.JoinSemi, ProbeKeys: bkeys, BuildKeys: rkeys}
	ops := exec.NewHashJoin(b.ec, bs.ops, b.gather(rs), spec)
	return stream{ops: ops, schema: bs.schema}, nil
}

// narrow returns n reading only the columns its own filters and join
// conditions need besides need, so that recomputing it for a reduction does
// not read and carry columns the reduction drops. Nodes other than scans,
// filters and inner joins are returned unchanged (they still yield every
// column of need).
func narrow(n plan.Node, need map[plan.ColumnID]bool) plan.Node {
	with := func(e plan.Expr) map[plan.ColumnID]bool {
		m := make(map[plan.ColumnID]bool, len(need))
		for id := range need {
			m[id] = true
		}
		for id := range plan.ColumnsUsed(e) {
			m[id] = true
		}
		return m
	}
	switch x := n.(type) {
	case *plan.Scan:
		keep := with(x.Filter)
		c := *x
		c.Columns, c.Cols = nil, nil
		for i, col := range x.Cols {
			if keep[col.ID] {
				c.Columns = append(c.Columns, x.Columns[i])
				c.Cols = append(c.Cols, col)
			}
		}
		if len(c.Cols) == 0 {
			return x
		}
		return &c
	case *plan.Filter:
		c := *x
		c.Input = narrow(x.Input, with(x.Pred))
		return &c
	case *plan.Join:
		if x.Kind != plan.JoinInner {
			return n
		}
		m := with(x.Cond)
		c := *x
		c.Left, c.Right = narrow(x.Left, m), narrow(x.Right, m)
		return &c
	}
	return n
}

// cheapBuildRows is the most estimated rows a reducer rebuilds a hash table
// on: a join of the recomputed tree whose other input is larger is left out.
const cheapBuildRows = 100_000

// cheapen drops from the reducer n the inner joins that only restrict it
// (the input holding every column of need is kept) when their other input
// is large to rebuild: the reducer then yields a superset of the keys, which
// reduces as correctly, for less work. (Q21: lineitem ⋈ supplier ⋈ nation
// without the join to the orders of status 'F'.)
func cheapen(n plan.Node, need map[plan.ColumnID]bool, est *cost.Estimator) plan.Node {
	j, ok := n.(*plan.Join)
	if !ok || j.Kind != plan.JoinInner {
		return n
	}
	if has(j.Left.Schema(), need) && est.Rows(j.Right) > cheapBuildRows {
		return cheapen(j.Left, need, est)
	}
	if has(j.Right.Schema(), need) && est.Rows(j.Left) > cheapBuildRows {
		return cheapen(j.Right, need, est)
	}
	return n
}

// has reports whether s holds every column of need.
func has(s plan.Schema, need map[plan.ColumnID]bool) bool {
	for id := range need {
		if s.IndexOf(id) < 0 {
			return false
		}
	}
	return true
}
