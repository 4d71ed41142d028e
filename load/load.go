// Package load parses delimited text and CSV files (optionally gzip or zstd
// compressed) into column batches, for COPY FROM.
//
// The pipeline: one goroutine reads the file in large chunks of whole lines
// into a small pool of reusable buffers (split.go); Workers goroutines parse
// chunks in parallel straight from the bytes, cutting each batch of lines into
// field spans and then converting column by column into vectors (parse.go,
// fields.go, convert.go); the calling goroutine receives the parsed chunks in
// file order and hands their batches to the sink. Memory stays bounded
// whatever the file size, and the table gets the rows in file order.
package load

import (
	"context"
	"io"
	"sync"

	"github.com/warehoused/warehoused/sqlerr"
	"github.com/warehoused/warehoused/types"
	"github.com/warehoused/warehoused/vector"
)

// Options describe the file format.
type Options struct {
	File         string    // the file to read; named in errors
	Reader       io.Reader // when non-nil, read this instead of opening File (COPY FROM STDIN)
	Format       string    // "text" or "csv"
	Delim        byte
	Quote        byte   // CSV quote character; '"' when 0
	Null         string // the NULL marker (text default `\N`, CSV default "")
	Escapes      bool   // text: process backslash escapes
	Header       int    // lines to skip at the start
	EmptyAsNull  bool   // empty string fields load as NULL
	BlanksAsNull bool   // whitespace-only fields load as NULL
	Truncate     bool   // cut strings longer than their column instead of failing (TRUNCATECOLUMNS)
	Compression  string // "", "gzip", "zstd", or "auto" to go by the file extension
	BatchSize    int
	Workers      int
	ChunkSize    int // bytes per chunk; defaultChunk when 0
}

// Field is one field of each line, parsed as Type.
type Field struct {
	Name string
	Type types.T
}

// defaultChunk is the read size: large enough that per-chunk costs vanish,
// small enough that Workers+2 buffers of it are nothing next to the table.
const defaultChunk = 4 << 20

// result is one parsed chunk.
type result struct {
	seq     int
	lead    int // header lines skipped just before the chunk's data
	lines   int // newlines in the chunk's data
	batches []*vector.Batch
	err     *rowError // a bad line, relative to the chunk
}

// Read parses the file and hands batches (one vector per field) to sink,
// which runs on the calling goroutine and gets the rows in file order. It
// returns the number of rows read. A bad field fails the whole read with an
// error naming the file, line and column of the first bad line.
func Read(ctx context.Context, o Options, fields []Field, sink func(*vector.Batch) error) (int64, error) {
	if o.BatchSize <= 0 {
		o.BatchSize = vector.DefaultBatchSize
	}
	if o.Workers <= 0 {
		o.Workers = 1
	}
	if o.ChunkSize <= 0 {
		o.ChunkSize = defaultChunk
	}
	if o.Quote == 0 {
		o.Quote = '"'
	}
	r, closeFn, err := open(o)
	if err != nil {
		return 0, err
	}
	defer closeFn()

	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	chunks := make(chan chunk, o.Workers)
	results := make(chan result, o.Workers)
	pool := newBufPool(o.Workers*2+2, o.ChunkSize)
	var readErr error
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		defer close(chunks)
		readErr = splitRecovering(ctx, r, o, pool, chunks)
	}()
	var workers sync.WaitGroup
	for i := 0; i < o.Workers; i++ {
		workers.Add(1)
		go func() {
			defer workers.Done()
			p := newParser(o, fields)
			for ch := range chunks {
				res := p.parseChunkRecovering(ch.data)
				res.seq, res.lead = ch.seq, ch.lead
				pool.put(ch.buf)
				select {
				case results <- res:
				case <-ctx.Done():
					return
				}
			}
		}()
	}
	go func() {
		workers.Wait()
		close(results)
	}()

	// Chunks finish out of order; deliver them in file order.
	pending := map[int]result{}
	next, line := 0, 1
	var rows int64
	var firstErr error
	for res := range results {
		pending[res.seq] = res
		for firstErr == nil {
			r, ok := pending[next]
			if !ok {
				break
			}
			delete(pending, next)
			next++
			line += r.lead
			if r.err != nil {
				firstErr = lineError(o.File, line+r.err.line, r.err.col, r.err.err)
				break
			}
			for _, b := range r.batches {
				if err := sink(b); err != nil {
					firstErr = err
					break
				}
				rows += int64(b.N)
			}
			line += r.lines
		}
		if firstErr != nil {
			cancel()
		}
	}
	wg.Wait()
	if firstErr != nil {
		return 0, firstErr
	}
	if readErr != nil {
		return 0, readErr
	}
	if err := ctx.Err(); err != nil {
		return 0, sqlerr.Canceled(ctx)
	}
	return rows, nil
}

// rowError is a bad line found by a worker: line counts the newlines before
// the line within its chunk, col names the column ("" when the line as a
// whole is bad).
type rowError struct {
	line int
	col  string
	err  error
}

// lineError builds the error for a bad line.
func lineError(file string, line int, col string, err error) error {
	e := sqlerr.From(err)
	where := "file \"" + file + "\", line " + itoa(line)
	if col != "" {
		where += ", column " + col
	}
	out := sqlerr.Newf(e.Code, "%s: %s", where, e.Message)
	if e.Detail != "" {
		out = out.WithDetail("%s", e.Detail)
	}
	return out
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	var b [20]byte
	i := len(b)
	neg := n < 0
	if neg {
		n = -n
	}
	for n > 0 {
		i--
		b[i] = byte('0' + n%10)
		n /= 10
	}
	if neg {
		i--
		b[i] = '-'
	}
	return string(b[i:])
}
