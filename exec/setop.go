package exec

import (
	"context"

	"github.com/warehoused/warehoused/sqlerr"
	"github.com/warehoused/warehoused/types"
	"github.com/warehoused/warehoused/vector"
)

// Set operation kinds for NewSetOp.
const (
	SetOpIntersect uint8 = 1
	SetOpExcept    uint8 = 2
)

// SetOp computes INTERSECT / EXCEPT [ALL]: the right side is counted into a
// row set, then left rows stream through it.
type SetOp struct {
	left, right Operator
	kind        uint8
	all         bool
	set         *rowSet
	sel         []int32
	opened      bool
	closed      bool
}

var _ Operator = (*SetOp)(nil)

// NewSetOp computes INTERSECT/EXCEPT [ALL] (kind 1 INTERSECT, 2 EXCEPT; UNION
// is Gather plus a distinct HashAgg); NULLs compare equal.
func NewSetOp(left, right Operator, kind uint8, all bool) Operator {
	return &SetOp{left: left, right: right, kind: kind, all: all}
}

// Types implements Operator.
func (s *SetOp) Types() []types.T { return s.left.Types() }

// Open counts the right side's rows and opens the left.
func (s *SetOp) Open(ctx context.Context) error {
	if s.kind != SetOpIntersect && s.kind != SetOpExcept {
		return sqlerr.Newf(sqlerr.InternalError, "set operation kind %d", s.kind)
	}
	s.opened = true
	s.set = newRowSet(s.left.Types())
	err := s.right.Open(ctx)
	for err == nil {
		if err = ctx.Err(); err != nil {
			err = sqlerr.Canceled(ctx)
			break
		}
		var b *vector.Batch
		b, err = s.right.Next(ctx)
		if b == nil || err != nil {
			break
		}
		h := s.set.hashBatch(b)
		for i := 0; i < b.N; i++ {
			if r := s.set.find(b, i, h[i]); r >= 0 {
				s.set.counts[r]++
			} else {
				s.set.insert(b, i, h[i], 1)
			}
		}
	}
	if cerr := s.right.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return err
	}
	return s.left.Open(ctx)
}

// Next streams left rows through the counted right side.
func (s *SetOp) Next(ctx context.Context) (*vector.Batch, error) {
	if !s.opened {
		return nil, sqlerr.Newf(sqlerr.InternalError, "set operation: Next before Open")
	}
	for {
		if err := ctx.Err(); err != nil {
			return nil, sqlerr.Canceled(ctx)
		}
		b, err := s.left.Next(ctx)
		if b == nil || err != nil {
			return nil, err
		}
		h := s.set.hashBatch(b)
		s.sel = s.sel[:0]
		for i := 0; i < b.N; i++ {
			if s.keep(b, i, h[i]) {
				s.sel = append(s.sel, int32(i))
			}
		}
		switch len(s.sel) {
		case 0:
			continue
		case b.N:
			return b, nil
		}
		return b.Gather(s.sel), nil
	}
}

// keep decides one left row. Counts: > 0 right copies not yet used;
// -1 a left row EXCEPT already emitted.
func (s *SetOp) keep(b *vector.Batch, i int, h uint64) bool {
	r := s.set.find(b, i, h)
	counts := s.set.counts
	switch {
	case s.kind == SetOpIntersect:
		if r < 0 || counts[r] <= 0 {
			return false
		}
		if s.all {
			counts[r]--
		} else {
			counts[r] = 0
		}
		return true
	case s.all: // EXCEPT ALL
		if r >= 0 && counts[r] > 0 {
			counts[r]--
			return false
		}
		return true
	default: // EXCEPT
		if r >= 0 {
			return false
		}
		s.set.insert(b, i, h, -1)
		return true
	}
}

// Close implements Operator.
func (s *SetOp) Close() error {
	if s.closed {
		return nil
	}
	s.closed = true
	s.set = nil
	err := s.left.Close()
	if rerr := s.right.Close(); err == nil {
		err = rerr
	}
	return err
}
