package load

import (
	"bytes"
	"context"
	"io"

	"github.com/warehoused/warehoused/sqlerr"
)

// chunk is a run of whole lines handed to a worker.
type chunk struct {
	seq  int
	lead int    // header lines skipped just before data
	buf  []byte // the pool buffer data lives in; returned after parsing
	data []byte
}

// bufPool recycles chunk buffers so reading a large file does not allocate
// (and page-fault in) a fresh buffer per chunk. At most max buffers exist at
// once, which also bounds how far the reader runs ahead of the workers.
type bufPool struct {
	free chan []byte
	made int
	max  int
	size int
}

func newBufPool(max, size int) *bufPool {
	return &bufPool{free: make(chan []byte, max), max: max, size: size}
}

// get returns an empty buffer, waiting for one to come back when all are in use.
func (p *bufPool) get(ctx context.Context) ([]byte, bool) {
	select {
	case b := <-p.free:
		return b[:0], true
	default:
	}
	if p.made < p.max {
		p.made++
		return make([]byte, 0, p.size), true
	}
	select {
	case b := <-p.free:
		return b[:0], true
	case <-ctx.Done():
		return nil, false
	}
}

// put returns a buffer; it never blocks (the channel holds every buffer made).
func (p *bufPool) put(b []byte) {
	select {
	case p.free <- b:
	default:
	}
}

// split cuts the stream into chunks of whole lines (for CSV, a line break
// inside quotes does not end a line). Where lines and records are the same
// (text format, CSV without quotes in the chunk) a chunk holds a multiple of
// BatchSize lines when it can, so that only the file's last batch is short.
func split(ctx context.Context, r io.Reader, o Options, pool *bufPool, out chan<- chunk) error {
	skip := o.Header
	lead := 0
	seq := 0
	csv := o.Format == "csv"
	buf, ok := pool.get(ctx)
	if !ok {
		return nil
	}
	eof := false
	for {
		for len(buf) < cap(buf) && !eof {
			n, err := r.Read(buf[len(buf):cap(buf)])
			buf = buf[:len(buf)+n]
			if err == io.EOF {
				eof = true
			} else if err != nil {
				return sqlerr.Wrapf(err, sqlerr.BadCopyFileFormat, "could not read file \"%s\"", o.File)
			}
		}
		end := len(buf)
		if !eof {
			if csv && bytes.IndexByte(buf, o.Quote) >= 0 {
				end = lastRecordEnd(buf, o.Quote)
			} else {
				end = batchLinesEnd(buf, o.BatchSize)
			}
			if end < 0 {
				// One line longer than the buffer: read on with a bigger one.
				if cap(buf) >= maxLine {
					return sqlerr.Newf(sqlerr.BadCopyFileFormat, "file \"%s\" has a line longer than %d bytes", o.File, maxLine)
				}
				bigger := make([]byte, len(buf), 2*cap(buf))
				copy(bigger, buf)
				buf = bigger
				continue
			}
		}
		data := buf[:end]
		for skip > 0 && len(data) > 0 {
			i := bytes.IndexByte(data, '\n')
			if i < 0 {
				data = data[:0]
			} else {
				data = data[i+1:]
			}
			skip--
			lead++
		}
		var next []byte
		if !eof {
			if next, ok = pool.get(ctx); !ok {
				return nil
			}
			next = append(next, buf[end:]...)
		}
		if len(data) > 0 {
			select {
			case out <- chunk{seq: seq, lead: lead, buf: buf, data: data}:
			case <-ctx.Done():
				return nil
			}
			seq++
			lead = 0
		} else {
			pool.put(buf)
		}
		if eof {
			return nil
		}
		buf = next
	}
}

// maxLine bounds a single line (or CSV record), which keeps field offsets
// within int32.
const maxLine = 1 << 30

// batchLinesEnd returns the offset just after the last line of buf that ends
// a multiple of batch lines (just after the last line when buf holds fewer
// than batch lines), or -1 when buf holds no complete line.
func batchLinesEnd(buf []byte, batch int) int {
	n := bytes.Count(buf, []byte{'\n'})
	if n == 0 {
		return -1
	}
	keep := n - n%batch
	if keep == 0 {
		keep = n
	}
	pos := len(buf)
	for i := n; i >= keep; i-- {
		pos = bytes.LastIndexByte(buf[:pos], '\n')
	}
	return pos + 1
}

// lastRecordEnd returns the offset just after the last line break of buf that
// is outside quotes, or -1. buf starts at a record boundary, so a line break
// is outside quotes when an even number of quote characters precede it.
func lastRecordEnd(buf []byte, quote byte) int {
	p := bytes.LastIndexByte(buf, '\n')
	if p < 0 {
		return -1
	}
	q := bytes.Count(buf[:p], []byte{quote})
	for q%2 != 0 {
		prev := bytes.LastIndexByte(buf[:p], '\n')
		if prev < 0 {
			return -1
		}
		q -= bytes.Count(buf[prev:p], []byte{quote})
		p = prev
	}
	return p + 1
}
