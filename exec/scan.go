package exec

import (
	"context"

	"github.com/warehoused/warehoused/sqlerr"
	"github.com/warehoused/warehoused/storage"
	"github.com/warehoused/warehoused/types"
	"github.com/warehoused/warehoused/vector"
)

// NewScan reads one slice of a table. Column ordinal -1 in req.Columns is the
// row id (BIGINT) UPDATE and DELETE use. The batches it returns may share
// value slices with storage: consumers treat input vectors as read-only.
func NewScan(src storage.TableReader, req storage.ScanRequest, ts []types.T) Operator {
	return &scanOp{src: src, req: req, ts: ts}
}

type scanOp struct {
	src storage.TableReader
	req storage.ScanRequest
	ts  []types.T
	it  storage.BatchIterator
}

func (s *scanOp) Types() []types.T { return s.ts }

func (s *scanOp) Open(ctx context.Context) error {
	it, err := s.src.Scan(ctx, s.req)
	if err != nil {
		return err
	}
	s.it = it
	return nil
}

func (s *scanOp) Next(ctx context.Context) (*vector.Batch, error) {
	if s.it == nil {
		return nil, nil
	}
	if ctx.Err() != nil {
		return nil, sqlerr.Canceled(ctx)
	}
	for {
		b, err := s.it.Next(ctx)
		if err != nil || b == nil {
			return nil, err
		}
		if b.N > 0 {
			// The reader's vectors carry the table's types; give them the
			// planner's (same physical kind) so downstream sees what it expects.
			for i, c := range b.Cols {
				if i < len(s.ts) && c.Type != s.ts[i] {
					c.Type = s.ts[i]
				}
			}
			return b, nil
		}
	}
}

func (s *scanOp) Close() error {
	if s.it == nil {
		return nil
	}
	err := s.it.Close()
	s.it = nil
	return err
}
