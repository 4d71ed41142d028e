package exec

import (
	"sync"

	"github.com/warehoused/warehoused/types"
	"github.com/warehoused/warehoused/vector"
)

// boolExpr is AND/OR with three-valued logic. Later arguments are evaluated
// only on rows the earlier ones left undecided, so `b <> 0 AND a / b > 1`
// never divides by zero.
type boolExpr struct {
	and  bool
	args []Expr
	safe []bool   // per argument: safeExpr
	used [][]bool // per argument: usedColumns (nil: unknown)
	// scratch holds *boolScratch buffers between batches (any goroutine).
	scratch sync.Pool
	// spare holds output vectors handed back by the consumer (see recycleVector).
	spare sync.Pool
}

// boolScratch is the per-batch working memory of a boolExpr.
type boolScratch struct {
	done []bool
	bufs [2][]int32
}

// NewAnd is three-valued AND.
func NewAnd(args []Expr) Expr { return newBoolExpr(true, args) }

// NewOr is three-valued OR.
func NewOr(args []Expr) Expr { return newBoolExpr(false, args) }

func newBoolExpr(and bool, args []Expr) *boolExpr {
	e := &boolExpr{and: and, args: args, safe: make([]bool, len(args)), used: make([][]bool, len(args))}
	for i, a := range args {
		e.safe[i] = safeExpr(a)
		e.used[i] = usedColumns(a)
	}
	return e
}

func (e *boolExpr) Type() types.T { return types.BoolType }

func (e *boolExpr) Eval(ec *EvalContext, in *vector.Batch) (*vector.Vector, error) {
	n := in.N
	out, ok := e.spare.Get().(*vector.Vector)
	if ok && regrow(out, n) {
		out.Nulls = nil
		clear(out.Bools)
	} else {
		out = vector.New(types.BoolType, n)
	}
	sc, _ := e.scratch.Get().(*boolScratch)
	if sc == nil {
		sc = &boolScratch{}
	}
	defer e.scratch.Put(sc)
	// Rows still undecided: all at first (sel == nil).
	var sel []int32
	var sawNull vector.Bitmap
	if cap(sc.done) < n {
		sc.done = make([]bool, n)
	}
	done := sc.done[:n]
	clear(done)
	decided := !e.and // the value that decides a row: FALSE for AND, TRUE for OR
	bufs := &sc.bufs
	for k, a := range e.args {
		if sel != nil && len(sel) == 0 {
			break
		}
		// An argument that cannot fail is evaluated on the whole batch while
		// many rows are undecided: cheaper than copying those rows first.
		full := sel == nil || (k < len(e.safe) && e.safe[k] && len(sel)*4 >= n)
		sub := in
		if !full {
			var used []bool
			if k < len(e.used) {
				used = e.used[k]
			}
			sub = gatherUsed(in, sel, used)
		}
		v, err := a.Eval(ec, sub)
		if err != nil {
			return nil, err
		}
		last := k == len(e.args)-1
		var next []int32
		if !last {
			if cap(bufs[k&1]) < n {
				bufs[k&1] = make([]int32, 0, n)
			}
			next = bufs[k&1][:0]
		}
		cnt := n
		if sel != nil {
			cnt = len(sel)
		}
		for j := 0; j < cnt; j++ {
			row := j
			if sel != nil {
				row = int(sel[j])
			}
			vi := j
			if full {
				vi = row
			}
			if v.Nulls != nil && v.Nulls.IsNull(vi) {
				if sawNull == nil {
					sawNull = vector.NewBitmap(n)
				}
				sawNull.SetNull(row)
			} else if boolAt(v, vi) == decided {
				out.Bools[row] = decided
				done[row] = true
				continue
			}
			if !last {
				next = append(next, int32(row))
			}
		}
		if !last {
			sel = next
		}
		recycleVector(a, v) // consumed
	}
	// Undecided rows are TRUE for AND (FALSE for OR) unless some argument was NULL.
	for i := 0; i < n; i++ {
		if done[i] {
			continue
		}
		if sawNull.IsNull(i) {
			out.SetNull(i)
		} else {
			out.Bools[i] = !decided
		}
	}
	return out, nil
}

// recycleVector takes back a vector this expression returned once its
// consumer is done with it.
func (e *boolExpr) recycleVector(v *vector.Vector) {
	if v.Type == types.BoolType {
		e.spare.Put(v)
	}
}

func boolAt(v *vector.Vector, j int) bool {
	if v.Bools == nil {
		return false
	}
	return v.Bools[j]
}

type notExpr struct{ arg Expr }

// NewNot is three-valued NOT.
func NewNot(arg Expr) Expr { return &notExpr{arg: arg} }

func (e *notExpr) Type() types.T { return types.BoolType }

func (e *notExpr) Eval(ec *EvalContext, in *vector.Batch) (*vector.Vector, error) {
	v, err := e.arg.Eval(ec, in)
	if err != nil {
		return nil, err
	}
	out := vector.New(types.BoolType, in.N)
	if v.Bools == nil { // all NULL
		out.Nulls = unionNulls([]*vector.Vector{constVector(types.BoolType, nil, in.N)}, in.N)
		return out, nil
	}
	for i, b := range v.Bools[:in.N] {
		out.Bools[i] = !b
	}
	out.Nulls = unionNulls([]*vector.Vector{v}, in.N)
	return out, nil
}

type isNullExpr struct {
	arg Expr
	neg bool
}

// NewIsNull is IS [NOT] NULL.
func NewIsNull(arg Expr, neg bool) Expr { return &isNullExpr{arg: arg, neg: neg} }

func (e *isNullExpr) Type() types.T { return types.BoolType }

func (e *isNullExpr) Eval(ec *EvalContext, in *vector.Batch) (*vector.Vector, error) {
	v, err := e.arg.Eval(ec, in)
	if err != nil {
		return nil, err
	}
	out := vector.New(types.BoolType, in.N)
	for i := 0; i < in.N; i++ {
		out.Bools[i] = v.Nulls.IsNull(i) != e.neg
	}
	return out, nil
}
