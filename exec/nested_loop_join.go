package exec

import (
	"context"

	"github.com/warehoused/warehoused/sqlerr"
	"github.com/warehoused/warehoused/types"
	"github.com/warehoused/warehoused/vector"
)

// NestedLoopJoin joins each left batch with the materialised right side,
// evaluating the condition over chunks of (left row, right row) pairs.
type NestedLoopJoin struct {
	ec          *EvalContext
	left, right Operator
	typ         JoinType
	cond        Expr
	leftTs      []types.T
	ts          []types.T

	store      *colStore
	rightMatch []bool
	b          *vector.Batch // current left batch
	flushB     *vector.Batch
	i, j       int // next pair
	matched    []bool
	sawNull    []bool
	out        joinOut
	candP      []int32
	candB      []int32
	state      uint8 // hjProbing, hjUnmatched, hjDone
	emitPos    int
	err        error
	closed     bool
}

var _ Operator = (*NestedLoopJoin)(nil)

// NewNestedLoopJoin joins left and right (materialised) on cond, evaluated
// over left ++ right columns (nil: cross product). All JoinTypes are supported.
func NewNestedLoopJoin(ec *EvalContext, left, right Operator, typ JoinType, cond Expr) Operator {
	lts := left.Types()
	return &NestedLoopJoin{ec: ec, left: left, right: right, typ: typ, cond: cond, leftTs: lts,
		ts: joinTypes(typ, lts, right.Types())}
}

// Types implements Operator.
func (j *NestedLoopJoin) Types() []types.T { return j.ts }

// Open materialises the right side and opens the left.
func (j *NestedLoopJoin) Open(ctx context.Context) error {
	st := newColStore(j.right.Types())
	err := j.right.Open(ctx)
	if err == nil {
		err = drainInto(ctx, j.right, st)
	}
	if cerr := j.right.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return err
	}
	j.store = st
	if tracksBuild(j.typ) {
		j.rightMatch = make([]bool, st.n)
	}
	return j.left.Open(ctx)
}

// Next implements Operator.
func (j *NestedLoopJoin) Next(ctx context.Context) (*vector.Batch, error) {
	if j.err != nil {
		return nil, j.err
	}
	if j.store == nil {
		return nil, sqlerr.Newf(sqlerr.InternalError, "nested loop join: Next before Open")
	}
	size := j.ec.Size()
	for {
		if err := ctx.Err(); err != nil {
			return nil, sqlerr.Canceled(ctx)
		}
		switch j.state {
		case hjDone:
			return nil, nil
		case hjUnmatched:
			for j.emitPos < j.store.n && j.out.len() < size {
				if !j.rightMatch[j.emitPos] {
					j.out.probeSel = append(j.out.probeSel, -1)
					j.out.buildSel = append(j.out.buildSel, int32(j.emitPos))
				}
				j.emitPos++
			}
			if b := j.out.flush(j.typ, nil, j.leftTs, j.store, false); b != nil {
				return b, nil
			}
			j.state = hjDone
			continue
		}
		if j.b == nil {
			if j.store.n == 0 && (j.typ == JoinInner || j.typ == JoinSemi || j.typ == JoinRight) {
				j.state = hjDone
				continue
			}
			b, err := j.left.Next(ctx)
			if err != nil {
				j.err = err
				return nil, err
			}
			if b == nil {
				j.state = hjDone
				if tracksBuild(j.typ) {
					j.state = hjUnmatched
				}
				continue
			}
			if b.N == 0 {
				continue
			}
			j.startBatch(b)
		}
		if err := j.step(size); err != nil {
			j.err = err
			return nil, err
		}
		if j.out.len() >= size || j.b == nil {
			if b := j.out.flush(j.typ, j.flushB, j.leftTs, j.store, j.b == nil); b != nil {
				return b, nil
			}
		}
	}
}

func (j *NestedLoopJoin) startBatch(b *vector.Batch) {
	j.b, j.flushB = b, b
	j.i, j.j = 0, 0
	j.matched = resetBools(j.matched, b.N)
	j.sawNull = resetBools(j.sawNull, b.N)
}

func resetBools(s []bool, n int) []bool {
	if cap(s) < n {
		return make([]bool, n)
	}
	s = s[:n]
	clear(s)
	return s
}

// step evaluates up to size pairs of the current left batch.
func (j *NestedLoopJoin) step(size int) error {
	n, m := j.b.N, j.store.n
	j.candP, j.candB = j.candP[:0], j.candB[:0]
	// Semi, Anti and Mark need no more pairs for a row once it matched.
	skipMatched := !hasPairs(j.typ)
	for j.i < n && len(j.candP) < size {
		if m == 0 || (skipMatched && j.matched[j.i]) {
			j.i, j.j = j.i+1, 0
			continue
		}
		for j.j < m && len(j.candP) < size {
			j.candP = append(j.candP, int32(j.i))
			j.candB = append(j.candB, int32(j.j))
			j.j++
		}
		if j.j >= m {
			j.i, j.j = j.i+1, 0
		}
	}
	if j.cond != nil {
		var err error
		j.candP, j.candB, err = filterPairs(j.ec, j.cond, j.b, j.store, j.candP, j.candB, j.sawNull)
		if err != nil {
			return err
		}
	}
	for _, i := range j.candP {
		j.matched[i] = true
	}
	if j.rightMatch != nil {
		for _, r := range j.candB {
			j.rightMatch[r] = true
		}
	}
	if hasPairs(j.typ) {
		j.out.probeSel = append(j.out.probeSel, j.candP...)
		j.out.buildSel = append(j.out.buildSel, j.candB...)
	}
	if j.i >= n {
		j.out.finishProbeBatch(j.typ, n, j.matched, false, func(i int) bool { return j.sawNull[i] })
		j.b = nil
	}
	return nil
}

// Close implements Operator.
func (j *NestedLoopJoin) Close() error {
	if j.closed {
		return nil
	}
	j.closed = true
	err := j.left.Close()
	if rerr := j.right.Close(); err == nil {
		err = rerr
	}
	j.store, j.b, j.flushB = nil, nil, nil
	return err
}
