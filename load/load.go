// Package load parses delimited text and CSV files (optionally gzip or zstd
// compressed) into column batches, for COPY FROM. The file is read by one
// goroutine that cuts it into chunks of whole lines; several workers parse
// chunks in parallel, so memory stays bounded whatever the file size.
package load

import (
	"bufio"
	"compress/gzip"
	"context"
	"errors"
	"io"
	"os"
	"strings"
	"sync"

	"github.com/klauspost/compress/zstd"
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
	ChunkSize    int // bytes per chunk; 1 MiB when 0
}

// Field is one field of each line, parsed as Type.
type Field struct {
	Name string
	Type types.T
}

const defaultChunk = 1 << 20

type chunk struct {
	seq  int
	line int // 1-based file line number of the chunk's first line
	text string
}

type result struct {
	seq     int
	batches []*vector.Batch
	err     error
}

// Read parses the file and hands batches (one vector per field) to sink,
// which runs on the calling goroutine. It returns the number of rows read. A
// bad field fails the whole read with an error naming the file, line and column.
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
	var readErr error
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		defer close(chunks)
		readErr = split(ctx, r, o, chunks)
	}()
	var workers sync.WaitGroup
	for i := 0; i < o.Workers; i++ {
		workers.Add(1)
		go func() {
			defer workers.Done()
			p := newParser(o, fields)
			for ch := range chunks {
				bs, err := p.parseChunk(ch)
				select {
				case results <- result{seq: ch.seq, batches: bs, err: err}:
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

	var rows int64
	var firstErr error
	errSeq := -1
	for res := range results {
		if res.err != nil {
			// Report the earliest failing chunk we saw.
			if firstErr == nil || res.seq < errSeq {
				firstErr, errSeq = res.err, res.seq
			}
			cancel()
			continue
		}
		if firstErr != nil {
			continue
		}
		for _, b := range res.batches {
			if err := sink(b); err != nil {
				firstErr, errSeq = err, -1
				cancel()
				break
			}
			rows += int64(b.N)
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

// open opens the file with its decompressor.
func open(o Options) (io.Reader, func(), error) {
	var f io.ReadCloser
	if o.Reader != nil {
		f = io.NopCloser(o.Reader)
	} else {
		file, err := os.Open(o.File)
		if err != nil {
			code := sqlerr.InternalError
			if errors.Is(err, os.ErrNotExist) {
				code = sqlerr.Code("58P01")
			}
			return nil, nil, sqlerr.Wrapf(err, code, "could not open file \"%s\" for reading", o.File)
		}
		f = file
	}
	comp := o.Compression
	if comp == "" || comp == "auto" {
		switch {
		case strings.HasSuffix(o.File, ".gz"):
			comp = "gzip"
		case strings.HasSuffix(o.File, ".zst"), strings.HasSuffix(o.File, ".zstd"):
			comp = "zstd"
		default:
			comp = ""
		}
	}
	br := bufio.NewReaderSize(f, 1<<20)
	switch comp {
	case "gzip":
		zr, err := gzip.NewReader(br)
		if err != nil {
			f.Close()
			return nil, nil, sqlerr.Wrapf(err, sqlerr.BadCopyFileFormat, "file \"%s\" is not valid gzip", o.File)
		}
		return zr, func() { zr.Close(); f.Close() }, nil
	case "zstd":
		zr, err := zstd.NewReader(br, zstd.WithDecoderConcurrency(1))
		if err != nil {
			f.Close()
			return nil, nil, sqlerr.Wrapf(err, sqlerr.BadCopyFileFormat, "file \"%s\" is not valid zstd", o.File)
		}
		return zr, func() { zr.Close(); f.Close() }, nil
	case "":
		return br, func() { f.Close() }, nil
	}
	f.Close()
	return nil, nil, sqlerr.Newf(sqlerr.FeatureNotSupported, "compression %s is not supported", strings.ToUpper(comp))
}

// split cuts the stream into chunks of whole lines (for CSV, a line break
// inside quotes does not end a line).
func split(ctx context.Context, r io.Reader, o Options, out chan<- chunk) error {
	line := 1
	buf := make([]byte, 0, o.ChunkSize)
	var carry []byte
	skip := o.Header
	seq := 0
	eof := false
	for !eof {
		buf = append(buf[:0], carry...)
		for len(buf) < cap(buf) && !eof {
			n, err := r.Read(buf[len(buf):cap(buf)])
			buf = buf[:len(buf)+n]
			if err == io.EOF {
				eof = true
			} else if err != nil {
				return sqlerr.Wrapf(err, sqlerr.BadCopyFileFormat, "could not read file \"%s\"", o.File)
			}
			if len(buf) == cap(buf) {
				break
			}
		}
		end := len(buf)
		if !eof {
			end = lastLineEnd(buf, o.Format == "csv", o.Quote)
			if end < 0 {
				// One line longer than the chunk: read on with a bigger buffer.
				carry = append([]byte(nil), buf...)
				buf = make([]byte, 0, 2*cap(buf))
				continue
			}
		}
		text := string(buf[:end])
		carry = append(carry[:0:0], buf[end:]...)
		for skip > 0 && len(text) > 0 {
			i := strings.IndexByte(text, '\n')
			if i < 0 {
				text = ""
			} else {
				text = text[i+1:]
			}
			skip--
			line++
		}
		if len(text) == 0 {
			continue
		}
		select {
		case out <- chunk{seq: seq, line: line, text: text}:
		case <-ctx.Done():
			return nil
		}
		seq++
		line += strings.Count(text, "\n")
	}
	return nil
}

// lastLineEnd returns the offset just after the last complete line of buf, or -1.
func lastLineEnd(buf []byte, csv bool, quote byte) int {
	if !csv {
		for i := len(buf) - 1; i >= 0; i-- {
			if buf[i] == '\n' {
				return i + 1
			}
		}
		return -1
	}
	last := -1
	in := false
	for i, c := range buf {
		switch {
		case c == quote:
			in = !in
		case c == '\n' && !in:
			last = i + 1
		}
	}
	return last
}
