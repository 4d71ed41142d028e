package pgwire

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"io"
	"math"
	"strconv"
	"time"

	"github.com/warehoused/warehoused"
	"github.com/warehoused/warehoused/sqlerr"
	"github.com/warehoused/warehoused/types"
)

// binaryCopySignature opens PostgreSQL's binary COPY format.
var binaryCopySignature = []byte("PGCOPY\n\xff\r\n\x00")

// binaryCopyReader turns a binary COPY stream (signature, flags, header
// extension, then tuples of int16 field count and int32-length-prefixed
// fields, ended by -1) into the text COPY format the loader reads:
// tab-separated, \N for NULL, backslash escapes. Each field is decoded as a
// binary Bind parameter of its column's type would be.
type binaryCopyReader struct {
	src     *bufio.Reader
	cols    []warehoused.Column
	started bool
	eof     bool
	out     []byte // text not yet returned
	field   []byte
	row     int
}

func newBinaryCopyReader(src io.Reader, cols []warehoused.Column) *binaryCopyReader {
	return &binaryCopyReader{src: bufio.NewReaderSize(src, 64<<10), cols: cols}
}

func (r *binaryCopyReader) Read(p []byte) (int, error) {
	for len(r.out) == 0 {
		if r.eof {
			return 0, io.EOF
		}
		r.out = r.out[:0]
		if err := r.tuple(); err != nil {
			return 0, err
		}
	}
	n := copy(p, r.out)
	r.out = r.out[n:]
	return n, nil
}

func (r *binaryCopyReader) bad(format string, args ...any) error {
	return sqlerr.Newf(sqlerr.BadCopyFileFormat, format, args...).WithDetail("COPY binary input, row %d", r.row+1)
}

func (r *binaryCopyReader) readFull(b []byte) error {
	if _, err := io.ReadFull(r.src, b); err != nil {
		if err == io.EOF || err == io.ErrUnexpectedEOF {
			return r.bad("unexpected EOF in COPY data")
		}
		return err
	}
	return nil
}

// tuple decodes the next tuple (reading the header first) into r.out.
func (r *binaryCopyReader) tuple() error {
	var b4 [4]byte
	if !r.started {
		r.started = true
		sig := make([]byte, len(binaryCopySignature))
		if err := r.readFull(sig); err != nil {
			return err
		}
		if !bytes.Equal(sig, binaryCopySignature) {
			return r.bad("COPY file signature not recognized")
		}
		if err := r.readFull(b4[:]); err != nil {
			return err
		}
		if binary.BigEndian.Uint32(b4[:])&0xffff0000 != 0 {
			return r.bad("unrecognized critical flags in COPY file header")
		}
		if err := r.readFull(b4[:]); err != nil {
			return err
		}
		ext := int64(binary.BigEndian.Uint32(b4[:]))
		if _, err := io.CopyN(io.Discard, r.src, ext); err != nil {
			return r.bad("invalid COPY file header (missing extension)")
		}
	}
	var b2 [2]byte
	if _, err := io.ReadFull(r.src, b2[:]); err != nil {
		if err == io.EOF {
			// The end of the data in place of the trailer, as pgx sends
			// it and PostgreSQL accepts.
			r.eof = true
			return nil
		}
		if err == io.ErrUnexpectedEOF {
			return r.bad("unexpected EOF in COPY data")
		}
		return err
	}
	n := int16(binary.BigEndian.Uint16(b2[:]))
	if n == -1 {
		r.eof = true
		// Anything after the trailer is ignored, as PostgreSQL does once
		// the client ends the copy.
		_, err := io.Copy(io.Discard, r.src)
		return err
	}
	if int(n) != len(r.cols) {
		return r.bad("row field count is %d, expected %d", n, len(r.cols))
	}
	for i, c := range r.cols {
		if err := r.readFull(b4[:]); err != nil {
			return err
		}
		if i > 0 {
			r.out = append(r.out, '\t')
		}
		l := int32(binary.BigEndian.Uint32(b4[:]))
		if l == -1 {
			r.out = append(r.out, `\N`...)
			continue
		}
		if l < 0 || int(l) > defaultMaxMessageBytes {
			return r.bad("invalid field size")
		}
		if cap(r.field) < int(l) {
			r.field = make([]byte, l)
		}
		r.field = r.field[:l]
		if err := r.readFull(r.field); err != nil {
			return err
		}
		v, err := DecodeParam(c.Type, fmtBinary, r.field)
		if err != nil {
			return sqlerr.From(err).WithDetail("COPY binary input, row %d, column %s", r.row+1, c.Name)
		}
		r.out = appendCopyText(r.out, c.Type, v)
	}
	r.out = append(r.out, '\n')
	r.row++
	return nil
}

// appendCopyText writes a decoded value in COPY's text format.
func appendCopyText(buf []byte, t types.T, v any) []byte {
	switch x := v.(type) {
	case nil:
		return append(buf, `\N`...)
	case bool:
		if x {
			return append(buf, 't')
		}
		return append(buf, 'f')
	case int64:
		return strconv.AppendInt(buf, x, 10)
	case float64:
		switch {
		case math.IsNaN(x):
			return append(buf, "NaN"...)
		case math.IsInf(x, 1):
			return append(buf, "Infinity"...)
		case math.IsInf(x, -1):
			return append(buf, "-Infinity"...)
		}
		bits := 64
		if t.ID == types.Float32 {
			bits = 32
		}
		return strconv.AppendFloat(buf, x, 'g', -1, bits)
	case string:
		return appendCopyEscaped(buf, x)
	case time.Time:
		switch t.ID {
		case types.Date:
			return x.AppendFormat(buf, "2006-01-02")
		case types.Time:
			return x.AppendFormat(buf, "15:04:05.999999")
		case types.TimestampTZ:
			return x.UTC().AppendFormat(buf, "2006-01-02 15:04:05.999999Z07:00")
		}
		return x.AppendFormat(buf, "2006-01-02 15:04:05.999999")
	case types.IntervalValue:
		return appendCopyEscaped(buf, types.Format(types.IntervalT, x))
	}
	return buf
}

// appendCopyEscaped escapes backslash, tab, newline and carriage return.
func appendCopyEscaped(buf []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case '\\':
			buf = append(buf, '\\', '\\')
		case '\t':
			buf = append(buf, '\\', 't')
		case '\n':
			buf = append(buf, '\\', 'n')
		case '\r':
			buf = append(buf, '\\', 'r')
		default:
			buf = append(buf, c)
		}
	}
	return buf
}
