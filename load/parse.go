package load

import (
	"bytes"
	"strings"

	"github.com/warehoused/warehoused/types"
	"github.com/warehoused/warehoused/vector"
)

// parser turns chunks of lines into batches. One per worker goroutine; its
// buffers are reused from batch to batch, so parsing allocates only the
// vectors it hands out and one string arena per batch.
type parser struct {
	o       Options
	fields  []Field
	nf      int
	csv     bool
	spans   []span  // column-major: field k of row r at k*BatchSize+r
	rowOff  []int32 // offset of each row's line in the chunk
	scratch []byte  // rewritten field text of the current batch
	strs    [][][]byte
	interns []*internCache // per field; nil for non-string fields
	arena   strings.Builder
}

func newParser(o Options, fields []Field) *parser {
	if o.BatchSize <= 0 {
		o.BatchSize = vector.DefaultBatchSize
	}
	if o.Quote == 0 {
		o.Quote = '"'
	}
	p := &parser{o: o, fields: fields, nf: len(fields), csv: o.Format == "csv",
		spans: make([]span, len(fields)*o.BatchSize), rowOff: make([]int32, o.BatchSize),
		strs: make([][][]byte, len(fields)), interns: make([]*internCache, len(fields))}
	for i, f := range fields {
		if f.Type.Physical() == types.PhysString {
			p.strs[i] = make([][]byte, o.BatchSize)
			p.interns[i] = &internCache{on: true}
		}
	}
	return p
}

// parseChunk parses a chunk of whole lines into batches of up to BatchSize rows.
func (p *parser) parseChunk(data []byte) result {
	res := result{lines: bytes.Count(data, []byte{'\n'})}
	pos := 0
	for pos < len(data) {
		next, n, bad := p.splitBatch(data, pos)
		b, convErr := p.convert(data, n)
		if convErr != nil {
			bad = convErr // a bad value in an earlier row than the malformed line
		}
		if bad != nil {
			res.batches = nil
			res.err = &rowError{line: bytes.Count(data[:bad.off], []byte{'\n'}), col: bad.col, err: bad.err}
			return res
		}
		if b != nil {
			res.batches = append(res.batches, b)
		}
		pos = next
	}
	return res
}

// field returns the text of a span.
func (p *parser) field(data []byte, s span) []byte {
	if s.fl&flScratch != 0 {
		return p.scratch[s.lo:s.hi]
	}
	return data[s.lo:s.hi]
}

// isNull applies the NULL rules to a field: the NULL marker, empty fields
// of non-string types (or any type with EMPTYASNULL), whitespace-only
// fields with BLANKSASNULL. Quoted CSV fields are never NULL.
func (p *parser) isNull(s span, b []byte, str bool) bool {
	if s.fl&flNull != 0 {
		return true
	}
	if s.fl&flQuoted != 0 {
		return false
	}
	if s.fl&flScratch == 0 && len(b) == len(p.o.Null) && string(b) == p.o.Null {
		return true
	}
	if len(b) == 0 {
		return p.o.EmptyAsNull || !str
	}
	return p.o.BlanksAsNull && len(bytes.TrimSpace(b)) == 0
}
