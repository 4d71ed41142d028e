package pgwire

import (
	"encoding/binary"
	"time"

	"github.com/jackc/pgx/v5/pgproto3"
	"github.com/warehoused/warehoused"
	"github.com/warehoused/warehoused/sqlerr"
	"github.com/warehoused/warehoused/vector"
)

// Format codes of Bind and RowDescription.
const (
	fmtText   int16 = 0
	fmtBinary int16 = 1
)

// resolveFormats applies the protocol's rule for format-code lists (none: all
// text; one: all columns; else one per column) to n columns.
func resolveFormats(codes []int16, n int, what string) ([]int16, error) {
	out := make([]int16, n)
	switch len(codes) {
	case 0:
	case 1:
		for i := range out {
			out[i] = codes[0]
		}
	case n:
		copy(out, codes)
	default:
		return nil, protocolError("bind message has %d %s formats but %d %s", len(codes), what, n, plural(what))
	}
	for _, f := range out {
		if f != fmtText && f != fmtBinary {
			return nil, sqlerr.Newf(sqlerr.InvalidParameterValue, "unsupported format code: %d", f)
		}
	}
	return out, nil
}

func plural(what string) string {
	if what == "result" {
		return "columns"
	}
	return "parameters"
}

// rowDescription describes result columns sent in the given formats (nil: text).
func rowDescription(cols []warehoused.Column, formats []int16) *pgproto3.RowDescription {
	rd := &pgproto3.RowDescription{Fields: make([]pgproto3.FieldDescription, len(cols))}
	for i, c := range cols {
		f := fmtText
		if i < len(formats) {
			f = formats[i]
		}
		rd.Fields[i] = pgproto3.FieldDescription{
			Name:         []byte(c.Name),
			DataTypeOID:  TypeOID(c.Type),
			DataTypeSize: TypeSize(c.Type),
			TypeModifier: TypeMod(c.Type),
			Format:       f,
		}
	}
	return rd
}

// rowStream is a statement's result being sent, possibly over several
// Executes of a portal: it keeps the batch it is in the middle of.
type rowStream struct {
	rows    *warehoused.Rows
	formats []int16 // one per column
	loc     *time.Location
	batch   *vector.Batch
	pos     int
	sent    int64 // rows sent by the current Execute
}

// sendRows writes up to max DataRows (0: all). done reports that the
// result is exhausted; err is the statement's failure or the connection's.
func (se *session) sendRows(rs *rowStream, max int64) (done bool, err error) {
	rs.sent = 0
	for max == 0 || rs.sent < max {
		if rs.batch == nil || rs.pos >= rs.batch.N {
			b, err := rs.rows.NextBatch()
			if err != nil {
				return true, err
			}
			if b == nil {
				return true, nil
			}
			rs.batch, rs.pos = b, 0
		}
		end := rs.batch.N
		if max > 0 && int64(end-rs.pos) > max-rs.sent {
			end = rs.pos + int(max-rs.sent)
		}
		for r := rs.pos; r < end; r++ {
			if err := se.dataRow(rs, r); err != nil {
				return true, err
			}
		}
		rs.sent += int64(end - rs.pos)
		rs.pos = end
		if se.w.err != nil {
			return true, se.w.err
		}
	}
	return false, nil
}

// dataRow encodes row r of the current batch as a DataRow, straight into
// the output buffer.
func (se *session) dataRow(rs *rowStream, r int) error {
	w := se.w
	p := w.begin('D')
	cols := rs.batch.Cols
	w.buf = binary.BigEndian.AppendUint16(w.buf, uint16(len(cols)))
	for i, v := range cols {
		if v.IsNull(r) {
			w.buf = append(w.buf, 0xff, 0xff, 0xff, 0xff)
			continue
		}
		lp := len(w.buf)
		w.buf = append(w.buf, 0, 0, 0, 0)
		if i < len(rs.formats) && rs.formats[i] == fmtBinary {
			var err error
			if w.buf, err = AppendBinary(w.buf, v, r); err != nil {
				w.buf = w.buf[:p]
				return err
			}
		} else {
			w.buf = AppendText(w.buf, v, r, rs.loc)
		}
		binary.BigEndian.PutUint32(w.buf[lp:], uint32(len(w.buf)-lp-4))
	}
	w.end(p)
	w.maybeFlush()
	return nil
}
