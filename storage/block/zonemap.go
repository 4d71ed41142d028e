package block

import (
	"encoding/binary"
	"math"
	"strings"
	"unicode/utf8"

	"github.com/warehoused/warehoused/types"
	"github.com/warehoused/warehoused/vector"
)

// MaxZoneString is the longest string bound a zone map keeps: a longer Min is
// cut to a prefix (still a lower bound), a longer Max is dropped (unknown),
// so zone maps stay small in manifests.
const MaxZoneString = 64

// zoneMap returns the smallest and largest non-NULL values of rows [from, to)
// (nil, nil when all are NULL); nulls is the NULL bitmap of those rows
// rebased to bit 0 (nil: none). Strings compare bytewise (UTF-8 code point
// order, Redshift's default collation); NaN is greater than every other
// float, as PostgreSQL orders it; intervals compare by their span with a
// month as 30 days, as PostgreSQL's interval_cmp does.
func zoneMap(v *vector.Vector, from, to int, nulls vector.Bitmap) (min, max types.Datum) {
	switch v.Type.Physical() {
	case types.PhysBool:
		return extremes(v.Bools[from:to], nulls, func(a, b bool) bool { return !a && b })
	case types.PhysInt64:
		return extremesOrdered(v.Ints[from:to], nulls)
	case types.PhysFloat64:
		return extremes(v.Floats[from:to], nulls, floatLess)
	case types.PhysDecimal128:
		return extremes(v.Decs[from:to], nulls, func(a, b types.Decimal128) bool { return a.Cmp(b) < 0 })
	case types.PhysInterval:
		return extremes(v.Ivs[from:to], nulls, func(a, b types.IntervalValue) bool { return IntervalCmp(a, b) < 0 })
	case types.PhysString:
		lo, hi := extremesStrings(v.Strs[from:to], nulls)
		if lo == nil {
			return nil, nil
		}
		min = strings.Clone(prefix(lo.(string), MaxZoneString))
		if s := hi.(string); len(s) <= MaxZoneString {
			max = strings.Clone(s)
		}
		return min, max
	}
	return nil, nil
}

// extremes is the typed loop behind zoneMap: one pass, no per-row dispatch.
func extremes[E any](vals []E, nulls vector.Bitmap, less func(a, b E) bool) (types.Datum, types.Datum) {
	var lo, hi E
	found := false
	for i, x := range vals {
		if nulls.IsNull(i) {
			continue
		}
		if !found {
			lo, hi, found = x, x, true
			continue
		}
		if less(x, lo) {
			lo = x
		}
		if less(hi, x) {
			hi = x
		}
	}
	if !found {
		return nil, nil
	}
	return lo, hi
}

// extremesOrdered is extremes for integers Go orders itself:
// the comparison inlines, which matters for the common integer columns.
func extremesOrdered[E int64](vals []E, nulls vector.Bitmap) (types.Datum, types.Datum) {
	i := 0
	for i < len(vals) && nulls.IsNull(i) {
		i++
	}
	if i == len(vals) {
		return nil, nil
	}
	lo, hi := vals[i], vals[i]
	if nulls == nil {
		for _, x := range vals[i+1:] {
			lo = min(lo, x)
			hi = max(hi, x)
		}
		return lo, hi
	}
	for ; i < len(vals); i++ {
		if !nulls.IsNull(i) {
			lo = min(lo, vals[i])
			hi = max(hi, vals[i])
		}
	}
	return lo, hi
}

// extremesStrings is extremesOrdered for strings with a shortcut: a value
// whose first byte lies strictly between those of the bounds found so far is
// neither bound, which needs no whole-string comparison (these comparisons
// were a tenth of a sorted bulk load's CPU).
func extremesStrings(vals []string, nulls vector.Bitmap) (types.Datum, types.Datum) {
	var lo, hi string
	lo0, hi0 := -1, -1 // first bytes of lo and hi; -1 when empty
	found := false
	for i, x := range vals {
		if nulls.IsNull(i) {
			continue
		}
		if !found {
			lo, hi, found = x, x, true
			lo0, hi0 = firstByte(x), firstByte(x)
			continue
		}
		if len(x) > 0 && int(x[0]) > lo0 && int(x[0]) < hi0 {
			continue
		}
		if x < lo {
			lo, lo0 = x, firstByte(x)
		} else if x > hi {
			hi, hi0 = x, firstByte(x)
		}
	}
	if !found {
		return nil, nil
	}
	return lo, hi
}

func firstByte(s string) int {
	if s == "" {
		return -1
	}
	return int(s[0])
}

// floatLess orders NaN after every other value (PostgreSQL's float order).
func floatLess(a, b float64) bool {
	if math.IsNaN(a) {
		return false
	}
	if math.IsNaN(b) {
		return true
	}
	return a < b
}

// IntervalCmp compares intervals as PostgreSQL does: by months*30 days +
// days, in microseconds, plus the time part, in 128-bit arithmetic.
func IntervalCmp(a, b types.IntervalValue) int {
	return intervalSpan(a).Cmp(intervalSpan(b))
}

func intervalSpan(iv types.IntervalValue) types.Decimal128 {
	const microsPerDay = 86_400_000_000
	days := int64(iv.Months)*30 + int64(iv.Days)
	span, _ := types.MulInt64(days, microsPerDay).Add(types.D128(iv.Micros))
	return span // cannot overflow: |days| < 2^37, so |span| < 2^74
}

// prefix returns s cut to at most n bytes at a character boundary (a prefix
// sorts no later than s, so it stays a valid lower bound).
func prefix(s string, n int) string {
	if len(s) <= n {
		return s
	}
	i := n
	for i > 0 && !utf8.RuneStart(s[i]) {
		i--
	}
	return s[:i]
}

// AppendDatum appends the binary form of a non-NULL datum of physical kind p
// (the zone map's form in block headers; manifests may use it too):
// bool 1 byte, int64/float64 8 bytes, Decimal128 16 (Hi then Lo), interval
// 16 (months, days, micros), string a uvarint length and the bytes.
func AppendDatum(dst []byte, p types.Physical, d types.Datum) []byte {
	le := binary.LittleEndian
	switch p {
	case types.PhysBool:
		if d.(bool) {
			return append(dst, 1)
		}
		return append(dst, 0)
	case types.PhysInt64:
		return le.AppendUint64(dst, uint64(d.(int64)))
	case types.PhysFloat64:
		return le.AppendUint64(dst, math.Float64bits(d.(float64)))
	case types.PhysDecimal128:
		x := d.(types.Decimal128)
		return le.AppendUint64(le.AppendUint64(dst, uint64(x.Hi)), x.Lo)
	case types.PhysInterval:
		x := d.(types.IntervalValue)
		dst = le.AppendUint32(dst, uint32(x.Months))
		dst = le.AppendUint32(dst, uint32(x.Days))
		return le.AppendUint64(dst, uint64(x.Micros))
	case types.PhysString:
		s := d.(string)
		return append(binary.AppendUvarint(dst, uint64(len(s))), s...)
	}
	return dst
}

// ParseDatum reads one datum written by AppendDatum and returns it with the
// number of bytes it took. Malformed input is XX001.
func ParseDatum(src []byte, p types.Physical) (types.Datum, int, error) {
	le := binary.LittleEndian
	need := func(n int) error {
		if len(src) < n {
			return corrupt("zone map value of kind %d truncated", p)
		}
		return nil
	}
	switch p {
	case types.PhysBool:
		if err := need(1); err != nil {
			return nil, 0, err
		}
		if src[0] > 1 {
			return nil, 0, corrupt("bad boolean %d in zone map", src[0])
		}
		return src[0] == 1, 1, nil
	case types.PhysInt64:
		if err := need(8); err != nil {
			return nil, 0, err
		}
		return int64(le.Uint64(src)), 8, nil
	case types.PhysFloat64:
		if err := need(8); err != nil {
			return nil, 0, err
		}
		return math.Float64frombits(le.Uint64(src)), 8, nil
	case types.PhysDecimal128:
		if err := need(16); err != nil {
			return nil, 0, err
		}
		return types.Decimal128{Hi: int64(le.Uint64(src)), Lo: le.Uint64(src[8:])}, 16, nil
	case types.PhysInterval:
		if err := need(16); err != nil {
			return nil, 0, err
		}
		return types.IntervalValue{Months: int32(le.Uint32(src)), Days: int32(le.Uint32(src[4:])), Micros: int64(le.Uint64(src[8:]))}, 16, nil
	case types.PhysString:
		l, k := binary.Uvarint(src)
		if k <= 0 || l > uint64(len(src)-k) {
			return nil, 0, corrupt("zone map string truncated")
		}
		return string(src[k : k+int(l)]), k + int(l), nil
	}
	return nil, 0, corrupt("zone map value of physical kind %d", p)
}
