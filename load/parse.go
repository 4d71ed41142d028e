package load

import (
	"strings"

	"github.com/warehoused/warehoused/sqlerr"
	"github.com/warehoused/warehoused/types"
	"github.com/warehoused/warehoused/vector"
)

// parser turns chunks of lines into batches. One per worker goroutine.
type parser struct {
	o       Options
	fields  []Field
	vals    []string // fields of the current line
	isNull  []bool
	quoted  []bool
	scratch strings.Builder
}

func newParser(o Options, fields []Field) *parser {
	return &parser{o: o, fields: fields, vals: make([]string, 0, len(fields)+1),
		isNull: make([]bool, 0, len(fields)+1), quoted: make([]bool, 0, len(fields)+1)}
}

func (p *parser) newBatch() *vector.Batch {
	b := &vector.Batch{Cols: make([]*vector.Vector, len(p.fields))}
	for i, f := range p.fields {
		b.Cols[i] = vector.NewWithCap(f.Type, p.o.BatchSize)
	}
	return b
}

// lineError builds the error for a bad line.
func (p *parser) lineError(line int, col string, err error) error {
	e := sqlerr.From(err)
	where := "file \"" + p.o.File + "\", line " + itoa(line)
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

func (p *parser) parseChunk(ch chunk) ([]*vector.Batch, error) {
	var out []*vector.Batch
	b := p.newBatch()
	text := ch.text
	line := ch.line
	for len(text) > 0 {
		var ln string
		var consumed int
		if p.o.Format == "csv" {
			var err error
			ln, consumed, err = p.splitCSV(text)
			if err != nil {
				return nil, p.lineError(line, "", err)
			}
		} else {
			i := strings.IndexByte(text, '\n')
			if i < 0 {
				ln, consumed = text, len(text)
			} else {
				ln, consumed = text[:i], i+1
			}
			ln = strings.TrimSuffix(ln, "\r")
			if err := p.splitText(ln); err != nil {
				return nil, p.lineError(line, "", err)
			}
		}
		startLine := line
		line += strings.Count(text[:consumed], "\n")
		text = text[consumed:]
		if ln == "" && len(p.fields) != 1 {
			continue // blank line
		}
		if err := p.appendRow(b, startLine); err != nil {
			return nil, err
		}
		b.N++
		if b.N >= p.o.BatchSize {
			out = append(out, b)
			b = p.newBatch()
		}
	}
	if b.N > 0 {
		out = append(out, b)
	}
	return out, nil
}

// splitText splits one text-format line into p.vals.
func (p *parser) splitText(ln string) error {
	p.vals, p.isNull, p.quoted = p.vals[:0], p.isNull[:0], p.quoted[:0]
	d := p.o.Delim
	for {
		i := strings.IndexByte(ln, d)
		if p.o.Escapes && strings.IndexByte(ln, '\\') >= 0 {
			i = indexUnescaped(ln, d)
		}
		var f string
		if i < 0 {
			f = ln
		} else {
			f = ln[:i]
		}
		null := f == p.o.Null
		if !null && p.o.Escapes && strings.IndexByte(f, '\\') >= 0 {
			f = unescape(f)
		}
		p.vals = append(p.vals, f)
		p.isNull = append(p.isNull, null)
		p.quoted = append(p.quoted, false)
		if i < 0 {
			return nil
		}
		ln = ln[i+1:]
	}
}

// indexUnescaped finds d not preceded by an escaping backslash.
func indexUnescaped(s string, d byte) int {
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' {
			i++
			continue
		}
		if s[i] == d {
			return i
		}
	}
	return -1
}

func unescape(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c != '\\' || i+1 == len(s) {
			b.WriteByte(c)
			continue
		}
		i++
		switch s[i] {
		case 'n':
			b.WriteByte('\n')
		case 't':
			b.WriteByte('\t')
		case 'r':
			b.WriteByte('\r')
		case 'b':
			b.WriteByte('\b')
		case 'f':
			b.WriteByte('\f')
		case 'v':
			b.WriteByte('\v')
		default:
			b.WriteByte(s[i])
		}
	}
	return b.String()
}

// splitCSV reads one CSV record from the front of text into p.vals.
func (p *parser) splitCSV(text string) (string, int, error) {
	p.vals, p.isNull, p.quoted = p.vals[:0], p.isNull[:0], p.quoted[:0]
	d, q := p.o.Delim, p.o.Quote
	i := 0
	start := 0
	for {
		// One field starting at i.
		if i < len(text) && text[i] == q {
			p.scratch.Reset()
			i++
			for {
				j := strings.IndexByte(text[i:], q)
				if j < 0 {
					return "", len(text), sqlerr.Newf(sqlerr.BadCopyFileFormat, "unterminated CSV quoted field")
				}
				p.scratch.WriteString(text[i : i+j])
				i += j + 1
				if i < len(text) && text[i] == q {
					p.scratch.WriteByte(q)
					i++
					continue
				}
				break
			}
			p.vals = append(p.vals, p.scratch.String())
			p.isNull = append(p.isNull, false)
			p.quoted = append(p.quoted, true)
		} else {
			j := i
			for j < len(text) && text[j] != d && text[j] != '\n' {
				j++
			}
			f := strings.TrimSuffix(text[i:j], "\r")
			p.vals = append(p.vals, f)
			p.isNull = append(p.isNull, f == p.o.Null)
			p.quoted = append(p.quoted, false)
			i = j
		}
		if i >= len(text) {
			return text[start:i], i, nil
		}
		switch text[i] {
		case d:
			i++
		case '\n':
			return text[start:i], i + 1, nil
		case '\r':
			if i+1 < len(text) && text[i+1] == '\n' {
				return text[start:i], i + 2, nil
			}
			return "", i, sqlerr.Newf(sqlerr.BadCopyFileFormat, "unexpected carriage return in CSV data")
		default:
			return "", i, sqlerr.Newf(sqlerr.BadCopyFileFormat, "extra data after closing quote")
		}
	}
}

// appendRow parses p.vals into row b.N of b.
func (p *parser) appendRow(b *vector.Batch, line int) error {
	n := len(p.vals)
	if n == len(p.fields)+1 && p.vals[n-1] == "" && !p.quoted[n-1] {
		n-- // a trailing delimiter at the end of the line
	}
	if n > len(p.fields) {
		return p.lineError(line, "", sqlerr.Newf(sqlerr.BadCopyFileFormat, "extra data after last expected column"))
	}
	if n < len(p.fields) {
		return p.lineError(line, p.fields[n].Name, sqlerr.Newf(sqlerr.BadCopyFileFormat, "missing data for column \"%s\"", p.fields[n].Name))
	}
	for i, f := range p.fields {
		v := b.Cols[i]
		s := p.vals[i]
		null := p.isNull[i]
		if !null && !p.quoted[i] {
			switch {
			case s == "" && (p.o.EmptyAsNull || !f.Type.IsString()):
				null = true
			case p.o.BlanksAsNull && strings.TrimSpace(s) == "":
				null = true
			}
		}
		if null {
			v.Append(nil)
			continue
		}
		if p.o.Truncate && f.Type.Width > 0 && len(s) > f.Type.Width && (f.Type.ID == types.Varchar || f.Type.ID == types.Char) {
			s = truncateUTF8(s, f.Type.Width)
		}
		if err := appendValue(v, f.Type, s); err != nil {
			return p.lineError(line, f.Name, err)
		}
	}
	return nil
}

// appendValue parses s as t onto v, with fast paths for common types.
func appendValue(v *vector.Vector, t types.T, s string) error {
	switch t.ID {
	case types.Char, types.Varchar, types.Text:
		if t.ID == types.Char {
			s = strings.TrimRight(s, " ")
		}
		if t.Width > 0 && len(s) > t.Width {
			if strings.TrimRight(s[t.Width:], " ") != "" {
				return sqlerr.Newf(sqlerr.StringDataRightTruncation, "value too long for type %s", t)
			}
			s = s[:t.Width]
		}
		appendString(v, s)
		return nil
	case types.Int16, types.Int32, types.Int64:
		if x, ok := fastInt(s); ok && inRange(t, x) {
			appendInt(v, x)
			return nil
		}
	case types.Date:
		if x, ok := fastDate(s); ok {
			appendInt(v, x)
			return nil
		}
	case types.Decimal:
		if t.Precision <= types.MaxInt64DecimalPrecision {
			if x, ok := fastDecimal(s, t.Precision, t.Scale); ok {
				appendInt(v, x)
				return nil
			}
		}
	}
	d, err := types.Parse(t, s)
	if err != nil {
		return err
	}
	v.Append(d)
	return nil
}

func appendString(v *vector.Vector, s string) {
	if v.Nulls == nil {
		v.Strs = append(v.Strs, s)
		v.Truncate(len(v.Strs))
		return
	}
	v.Append(s)
}

func appendInt(v *vector.Vector, x int64) {
	if v.Nulls == nil {
		v.Ints = append(v.Ints, x)
		v.Truncate(len(v.Ints))
		return
	}
	v.Append(x)
}

func inRange(t types.T, x int64) bool {
	switch t.ID {
	case types.Int16:
		return x >= -1<<15 && x < 1<<15
	case types.Int32:
		return x >= -1<<31 && x < 1<<31
	}
	return true
}

// fastInt parses a plain decimal integer of up to 18 digits.
func fastInt(s string) (int64, bool) {
	neg := false
	if len(s) > 0 && (s[0] == '-' || s[0] == '+') {
		neg = s[0] == '-'
		s = s[1:]
	}
	if len(s) == 0 || len(s) > 18 {
		return 0, false
	}
	var x int64
	for i := 0; i < len(s); i++ {
		c := s[i] - '0'
		if c > 9 {
			return 0, false
		}
		x = x*10 + int64(c)
	}
	if neg {
		x = -x
	}
	return x, true
}

// fastDate parses YYYY-MM-DD into days since 1970-01-01.
func fastDate(s string) (int64, bool) {
	if len(s) != 10 || s[4] != '-' || s[7] != '-' {
		return 0, false
	}
	y, ok1 := fastInt(s[0:4])
	m, ok2 := fastInt(s[5:7])
	d, ok3 := fastInt(s[8:10])
	if !ok1 || !ok2 || !ok3 || m < 1 || m > 12 || d < 1 || d > daysIn(y, m) || y < 1 {
		return 0, false
	}
	return daysFromCivil(y, m, d), true
}

func daysIn(y, m int64) int64 {
	switch m {
	case 2:
		if y%4 == 0 && (y%100 != 0 || y%400 == 0) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}

// daysFromCivil is Howard Hinnant's algorithm.
func daysFromCivil(y, m, d int64) int64 {
	if m <= 2 {
		y--
	}
	era := y / 400
	if y < 0 && y%400 != 0 {
		era = (y - 399) / 400
	}
	yoe := y - era*400
	mp := (m + 9) % 12
	doy := (153*mp+2)/5 + d - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return era*146097 + doe - 719468
}

// fastDecimal parses [-]digits[.digits] into an unscaled value of the given
// scale when it fits exactly (no rounding needed) within precision.
func fastDecimal(s string, prec, scale int) (int64, bool) {
	neg := false
	if len(s) > 0 && (s[0] == '-' || s[0] == '+') {
		neg = s[0] == '-'
		s = s[1:]
	}
	if len(s) == 0 {
		return 0, false
	}
	var x int64
	digits, frac := 0, -1
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == '.' {
			if frac >= 0 {
				return 0, false
			}
			frac = 0
			continue
		}
		if c < '0' || c > '9' {
			return 0, false
		}
		if frac >= 0 {
			frac++
			if frac > scale {
				return 0, false // needs rounding: let types.Parse decide
			}
		}
		x = x*10 + int64(c-'0')
		digits++
		if digits > 18 {
			return 0, false
		}
	}
	if frac < 0 {
		frac = 0
	}
	for ; frac < scale; frac++ {
		x *= 10
		if x >= 1e18 {
			return 0, false
		}
	}
	lim := int64(1)
	for i := 0; i < prec && i < 18; i++ {
		lim *= 10
	}
	if prec < 19 && x >= lim {
		return 0, false
	}
	if neg {
		x = -x
	}
	return x, true
}

// truncateUTF8 cuts s to at most n bytes without splitting a character.
func truncateUTF8(s string, n int) string {
	for n > 0 && n < len(s) && s[n]&0xC0 == 0x80 {
		n--
	}
	return s[:n]
}
