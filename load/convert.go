package load

import (
	"strings"

	"github.com/warehoused/warehoused/sqlerr"
	"github.com/warehoused/warehoused/types"
	"github.com/warehoused/warehoused/vector"
)

// convert builds the batch of the n rows split into p.spans, column by
// column. A bad value fails the batch; the error is that of the earliest row
// (and within it the leftmost column), as a row-by-row parse would report.
func (p *parser) convert(data []byte, n int) (*vector.Batch, *rowErr) {
	if n == 0 {
		return nil, nil
	}
	bs := p.o.BatchSize
	b := &vector.Batch{Cols: make([]*vector.Vector, p.nf), N: n}
	limit := n
	var bad *rowErr
	need := 0
	for c, f := range p.fields {
		v := vector.New(f.Type, n)
		b.Cols[c] = v
		spans := p.spans[c*bs : c*bs+limit]
		var r int
		var err error
		switch {
		case p.strs[c] != nil:
			var k int
			r, k, err = p.convertStrings(data, c, v, spans)
			need += k
		case f.Type.ID == types.Int16 || f.Type.ID == types.Int32 || f.Type.ID == types.Int64:
			r, err = p.convertInts(data, f.Type, v, spans)
		case f.Type.ID == types.Date:
			r, err = p.convertDates(data, v, spans)
		case f.Type.ID == types.Decimal && f.Type.Precision <= types.MaxInt64DecimalPrecision:
			r, err = p.convertDecimals(data, f.Type, v, spans)
		default:
			r, err = p.convertAny(data, f.Type, v, spans)
		}
		if err != nil {
			// Rows from r on no longer matter: only an earlier row can
			// hold the error to report.
			bad = &rowErr{off: int(p.rowOff[r]), col: f.Name, err: err}
			limit = r
		}
	}
	if bad != nil {
		return nil, bad
	}
	if need > 0 {
		p.fillArena(b, n, need)
	}
	return b, nil
}

// fillArena copies the string values not interned into one allocation for
// the whole batch and points the vectors' strings into it.
func (p *parser) fillArena(b *vector.Batch, n, need int) {
	var arena strings.Builder
	arena.Grow(need)
	for c, vals := range p.strs {
		if vals == nil {
			continue
		}
		v := b.Cols[c]
		for r, x := range vals[:n] {
			if len(x) == 0 {
				continue
			}
			start := arena.Len()
			arena.Write(x)
			// The builder only ever appends within the capacity grown above,
			// so earlier substrings stay valid.
			v.Strs[r] = arena.String()[start:]
			vals[r] = nil
		}
	}
}

// convertStrings checks and trims the strings of column c. Interned values
// are stored directly; the others are left in p.strs[c] for the arena,
// whose byte count it returns.
func (p *parser) convertStrings(data []byte, c int, v *vector.Vector, spans []span) (int, int, error) {
	t := p.fields[c].Type
	vals := p.strs[c]
	cache := p.interns[c]
	misses, maxMisses := 0, len(spans)/8+8
	need := 0
	for r, s := range spans {
		vals[r] = nil
		x := p.field(data, s)
		if p.isNull(s, x, true) {
			v.SetNull(r)
			continue
		}
		if t.Width > 0 && len(x) > t.Width && p.o.Truncate && (t.ID == types.Varchar || t.ID == types.Char) {
			x = truncateUTF8(x, t.Width)
		}
		if t.ID == types.Char {
			for len(x) > 0 && x[len(x)-1] == ' ' {
				x = x[:len(x)-1]
			}
		}
		if t.Width > 0 && len(x) > t.Width {
			for _, ch := range x[t.Width:] {
				if ch != ' ' {
					return r, 0, sqlerr.Newf(sqlerr.StringDataRightTruncation, "value too long for type %s", t)
				}
			}
			x = x[:t.Width]
		}
		if len(x) == 0 {
			continue
		}
		if cache.on {
			if str, ok := cache.lookup(x); ok {
				v.Strs[r] = str
				continue
			}
			if misses++; misses > maxMisses {
				cache.on = false // values rarely repeat: interning would only cost
			} else {
				v.Strs[r] = cache.add(x)
				continue
			}
		}
		vals[r] = x
		need += len(x)
	}
	return 0, need, nil
}

func (p *parser) convertInts(data []byte, t types.T, v *vector.Vector, spans []span) (int, error) {
	out := v.Ints
	for r, s := range spans {
		x := p.field(data, s)
		if p.isNull(s, x, false) {
			v.SetNull(r)
			continue
		}
		n, ok := fastInt(x)
		if !ok || !inRange(t, n) {
			d, err := types.ParseInt(t, string(x))
			if err != nil {
				return r, err
			}
			n = d
		}
		out[r] = n
	}
	return 0, nil
}

func (p *parser) convertDates(data []byte, v *vector.Vector, spans []span) (int, error) {
	out := v.Ints
	for r, s := range spans {
		x := p.field(data, s)
		if p.isNull(s, x, false) {
			v.SetNull(r)
			continue
		}
		n, ok := fastDate(x)
		if !ok {
			d, err := types.ParseDate(string(x))
			if err != nil {
				return r, err
			}
			n = d
		}
		out[r] = n
	}
	return 0, nil
}

func (p *parser) convertDecimals(data []byte, t types.T, v *vector.Vector, spans []span) (int, error) {
	out := v.Ints
	for r, s := range spans {
		x := p.field(data, s)
		if p.isNull(s, x, false) {
			v.SetNull(r)
			continue
		}
		n, ok := fastDecimal(x, t.Precision, t.Scale)
		if !ok {
			d, err := types.ParseDecimal64(string(x), t.Precision, t.Scale)
			if err != nil {
				return r, err
			}
			n = d
		}
		out[r] = n
	}
	return 0, nil
}

// convertAny parses the remaining types through types.Parse.
func (p *parser) convertAny(data []byte, t types.T, v *vector.Vector, spans []span) (int, error) {
	if t.Physical() == types.PhysNull {
		return 0, nil // every value is NULL already
	}
	for r, s := range spans {
		x := p.field(data, s)
		if p.isNull(s, x, false) {
			v.SetNull(r)
			continue
		}
		d, err := types.Parse(t, string(x))
		if err != nil {
			return r, err
		}
		v.Set(r, d)
	}
	return 0, nil
}

// truncateUTF8 cuts s to at most n bytes without splitting a character.
func truncateUTF8(s []byte, n int) []byte {
	for n > 0 && n < len(s) && s[n]&0xC0 == 0x80 {
		n--
	}
	return s[:n]
}
