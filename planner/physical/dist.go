package physical

import (
	"github.com/warehoused/warehoused/catalog"
	"github.com/warehoused/warehoused/planner/cost"
	"github.com/warehoused/warehoused/planner/plan"
)

// Distribution-aware joins.
//
// A scan yields one pipeline per slice, and a DISTSTYLE KEY table keeps all
// rows with one key value on one slice (storage hashes the key). When both
// inputs of an equi-join are such tables keyed on the joined columns, slice i
// of one can only match slice i of the other: each slice builds a hash table
// from its own build rows and probes it with its own probe rows (DS_DIST_NONE
// in Redshift's EXPLAIN). Otherwise the build side is gathered from every
// slice into one shared table, which is what broadcasting it to every slice
// means in one process; the EXPLAIN label then says what Redshift would move.

// partitioning says how a node's pipelines split its rows.
type partitioning struct {
	// keys are columns of the node's output on whose hash rows were placed:
	// equal non-NULL values of any of them sit in the same pipeline index.
	keys []plan.ColumnID
	all  bool // the rows are a DISTSTYLE ALL table's (every slice has them)
}

func (p partitioning) keyedOn(id plan.ColumnID) bool {
	for _, k := range p.keys {
		if k == id {
			return true
		}
	}
	return false
}

// partitionOf traces n's pipelines down to the table scans they come from.
// est decides join sides the same way buildJoin does.
func partitionOf(n plan.Node, est *cost.Estimator) partitioning {
	switch x := n.(type) {
	case *plan.Scan:
		t := x.Table
		if t == nil {
			return partitioning{}
		}
		switch t.DistStyle {
		case catalog.DistAll:
			return partitioning{all: true}
		case catalog.DistKey:
			for i, ord := range x.Columns {
				if ord == t.DistKey && i < len(x.Cols) {
					return partitioning{keys: []plan.ColumnID{x.Cols[i].ID}}
				}
			}
		}
	case *plan.Filter:
		return partitionOf(x.Input, est)
	case *plan.Project:
		in := partitionOf(x.Input, est)
		out := partitioning{all: in.all}
		for i, e := range x.Exprs {
			if r, ok := e.(*plan.ColRef); ok && in.keyedOn(r.ID) {
				out.keys = append(out.keys, x.Cols[i].ID)
			}
		}
		return out
	case *plan.Join:
		d := joinDist(x, swapFor(x, est), est)
		if !d.hash {
			return partitioning{}
		}
		if d.swap && (x.Kind == plan.JoinSemi || x.Kind == plan.JoinAnti) {
			if d.colocated {
				return d.build // each slice emits its own build rows
			}
			return partitioning{}
		}
		out := partitioning{keys: d.probe.keys}
		if d.colocated && x.Kind == plan.JoinInner {
			// Inner join rows have equal keys on both sides.
			out.keys = append(append([]plan.ColumnID(nil), d.probe.keys...), d.build.keys...)
		}
		return out
	}
	return partitioning{}
}

// swapFor is builder.swapSides for a given estimator.
func swapFor(x *plan.Join, est *cost.Estimator) bool {
	switch x.Kind {
	case plan.JoinSemi, plan.JoinAnti:
		return buildsTested(x, est)
	case plan.JoinMark:
		return false
	}
	return est.Rows(x.Left) < est.Rows(x.Right)
}

// joinPlan is the distribution decision for one join.
type joinPlan struct {
	hash         bool // a hash join (equality keys), else a nested loop
	swap         bool // the left input is the build side
	colocated    bool // per-slice hash tables (DS_DIST_NONE)
	label        string
	probe, build partitioning
}

// joinDist decides how join j's inputs meet, given its build side choice.
func joinDist(j *plan.Join, swap bool, est *cost.Estimator) joinPlan {
	keys, _ := splitJoinCond(j.Cond, j.Left.Schema(), j.Right.Schema())
	d := joinPlan{hash: len(keys) > 0, swap: swap}
	if !d.hash {
		d.label = distLabel(j.Right)
		if partitionOf(j.Right, est).all {
			d.label = "DS_DIST_ALL_NONE"
		}
		return d
	}
	probeN, buildN := j.Left, j.Right
	if swap {
		probeN, buildN = j.Right, j.Left
	}
	d.probe, d.build = partitionOf(probeN, est), partitionOf(buildN, est)
	probeKeyed, buildKeyed := false, false
	for _, k := range keys {
		pk, bk := k.left, k.right
		if swap {
			pk, bk = bk, pk
		}
		pr, ok1 := pk.(*plan.ColRef)
		br, ok2 := bk.(*plan.ColRef)
		pOn := ok1 && d.probe.keyedOn(pr.ID)
		bOn := ok2 && d.build.keyedOn(br.ID)
		probeKeyed = probeKeyed || pOn
		buildKeyed = buildKeyed || bOn
		if pOn && bOn && sameHash(pr, br) {
			d.colocated = true
		}
	}
	if d.colocated && !colocatable(j, swap, est) {
		d.colocated = false
	}
	switch {
	case d.colocated:
		d.label = "DS_DIST_NONE"
	case d.build.all:
		d.label = "DS_DIST_ALL_NONE"
	case !readsTable(buildN):
		d.label = "DS_DIST_NONE"
	case d.probe.all:
		d.label = "DS_DIST_ALL_INNER"
	case probeKeyed:
		d.label = "DS_DIST_INNER"
	case buildKeyed:
		d.label = "DS_DIST_OUTER"
	case est.Rows(buildN) <= est.Rows(probeN):
		d.label = "DS_BCAST_INNER"
	default:
		d.label = "DS_DIST_BOTH"
	}
	return d
}

// sameHash reports whether equal values of the two key columns are placed on
// the same slice: storage hashes a value's physical representation, so the
// columns must store values alike (and strings be of one type: CHAR pads).
func sameHash(a, b *plan.ColRef) bool {
	if a.Typ.IsString() || b.Typ.IsString() {
		return a.Typ.ID == b.Typ.ID
	}
	return cost.SameRepr(a.Typ, b.Typ)
}

// colocatable reports whether j's semantics allow per-slice hash tables:
// not for mark joins and NOT IN, whose result depends on NULLs anywhere in
// the build side, nor when the build side is first reduced by a semi join
// (see reducer), which gathers it.
func colocatable(j *plan.Join, swap bool, est *cost.Estimator) bool {
	if j.Kind == plan.JoinMark || j.NullAware {
		return false
	}
	return swap || reducer(j, est) == nil
}
