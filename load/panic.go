package load

import (
	"context"
	"io"
	"runtime/debug"

	"github.com/warehoused/warehoused/sqlerr"
)

// Reading and parsing run on goroutines of their own, where a panic would end
// the whole process rather than one COPY: these wrappers turn one into an
// XX000 error for the COPY that hit it.

func panicError(r any) error {
	return sqlerr.Newf(sqlerr.InternalError, "internal error while loading: %v", r).
		WithDetail("%s", debug.Stack())
}

func (p *parser) parseChunkRecovering(data []byte) (res result) {
	defer func() {
		if r := recover(); r != nil {
			res = result{err: &rowError{line: 1, err: panicError(r)}}
		}
	}()
	return p.parseChunk(data)
}

func splitRecovering(ctx context.Context, r io.Reader, o Options, pool *bufPool, out chan<- chunk) (err error) {
	defer func() {
		if rec := recover(); rec != nil {
			err = panicError(rec)
		}
	}()
	return split(ctx, r, o, pool, out)
}
