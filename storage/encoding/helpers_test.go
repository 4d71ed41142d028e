package encoding

import (
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/warehoused/warehoused/types"
	"github.com/warehoused/warehoused/vector"
)

// testTypes covers every physical kind and every width class.
var testTypes = []types.T{
	types.BoolType, types.Int16Type, types.Int32Type, types.Int64Type,
	types.Float32Type, types.Float64Type, types.DecimalType(10, 2), types.DecimalType(38, 4),
	types.CharType(10), types.VarcharOf(20), types.VarcharOf(0), types.TextType,
	types.DateType, types.TimeType, types.TSType, types.TSTZType, types.IntervalT, types.UnknownType,
}

// intRange is the value range a column of t may hold.
func intRange(t types.T) (lo, hi int64) {
	switch intWidth(t) {
	case 2:
		return math.MinInt16, math.MaxInt16
	case 4:
		return math.MinInt32, math.MaxInt32
	}
	return math.MinInt64, math.MaxInt64
}

// clampInt maps any int64 into t's range.
func clampInt(t types.T, v int64) int64 {
	switch intWidth(t) {
	case 2:
		return int64(int16(v))
	case 4:
		return int64(int32(v))
	}
	return v
}

// makeVec builds a vector of t from generic per-row seeds: the k-th row
// takes its value from ints[k] (numbers), strs[k] (strings).
func makeVec(t types.T, ints []int64, strs []string) *vector.Vector {
	n := len(ints)
	if t.Physical() == types.PhysString {
		n = len(strs)
	}
	v := vector.New(t, n)
	for i := 0; i < n; i++ {
		switch t.Physical() {
		case types.PhysBool:
			v.Bools[i] = ints[i]&1 != 0
		case types.PhysInt64:
			v.Ints[i] = clampInt(t, ints[i])
		case types.PhysFloat64:
			f := float64(ints[i]) / 7
			switch ints[i] % 11 {
			case 1:
				f = math.Inf(1)
			case 2:
				f = math.Copysign(0, -1)
			case 3:
				f = math.NaN()
			case 4:
				f = math.Float64frombits(uint64(ints[i]))
			}
			if t.ID == types.Float32 {
				f = float64(float32(f))
			}
			v.Floats[i] = f
		case types.PhysDecimal128:
			x := ints[i]
			if x%5 == 0 {
				v.Decs[i] = types.Decimal128{Hi: x >> 3, Lo: uint64(x) * 0x9E3779B97F4A7C15}
			} else {
				v.Decs[i] = types.Decimal128{Hi: x >> 63, Lo: uint64(x)}
			}
		case types.PhysString:
			v.Strs[i] = strs[i]
		case types.PhysInterval:
			x := ints[i]
			v.Ivs[i] = types.IntervalValue{Months: int32(x), Days: int32(x >> 32), Micros: x * 3}
		}
	}
	return v
}

// intCases are named int64 seeds with the edge values codecs care about.
func intCases() map[string][]int64 {
	r := rand.New(rand.NewPCG(1, 2))
	cases := map[string][]int64{
		"empty":  {},
		"one":    {42},
		"minmax": {math.MinInt64, math.MaxInt64, 0, math.MinInt64, math.MaxInt64, -1, 1},
		"edges": {-128, -127, 127, 128, -129, -32768, -32767, 32767, 32768, math.MinInt32, math.MaxInt32,
			math.MinInt32 + 1, math.MaxInt32 + 1, math.MinInt16, 255, 256, -256, 0, 0},
	}
	seq := func(n int, f func(i int) int64) []int64 {
		s := make([]int64, n)
		for i := range s {
			s[i] = f(i)
		}
		return s
	}
	cases["equal"] = seq(1000, func(int) int64 { return -77 })
	cases["sorted"] = seq(1000, func(i int) int64 { return 10000 + int64(i/3) })
	cases["descending"] = seq(300, func(i int) int64 { return 5000 - int64(i*i) })
	cases["stride"] = seq(257, func(i int) int64 { return int64(i) * 86_400_000_000 })
	cases["random"] = seq(1000, func(int) int64 { return int64(r.Uint64()) })
	cases["small"] = seq(1000, func(int) int64 { return r.Int64N(200) - 100 })
	cases["mostly"] = seq(1000, func(i int) int64 {
		if i%37 == 0 {
			return int64(r.Uint64())
		}
		return r.Int64N(100)
	})
	cases["distinct300"] = seq(900, func(i int) int64 { return int64(i%300) * 1001 })
	cases["alternate"] = seq(129, func(i int) int64 {
		if i%2 == 0 {
			return math.MinInt64
		}
		return math.MaxInt64
	})
	cases["runs"] = seq(1000, func(i int) int64 { return int64(i / 50) })
	return cases
}

func strCases() map[string][]string {
	long300 := strings.Repeat("x", 300)
	long40k := strings.Repeat("yz", 20000)
	words := []string{"the", "quick", "brown", "fox", "jumps", "over", "lazy", "dog", "regular", "deposits"}
	r := rand.New(rand.NewPCG(3, 4))
	comment := func() string {
		n := 3 + r.IntN(10)
		ws := make([]string, n)
		for i := range ws {
			ws[i] = words[r.IntN(len(words))]
		}
		return strings.Join(ws, " ")
	}
	cases := map[string][]string{
		"empty":   {},
		"one":     {"hello"},
		"blank":   {""},
		"spaces":  {" ", "  ", "a  b", " lead", "trail ", "  a   b  ", "", "a b c"},
		"unicode": {"héllo wörld", "日本語 テキスト", "emoji 😀 😀", "\x00", "a\x00b c\x00", "\xff\xfe \xc3"},
		"long":    {long300, long300 + " " + long300, "a " + long40k, long40k, long300},
	}
	many := make([]string, 1000)
	for i := range many {
		many[i] = comment()
	}
	cases["comments"] = many
	lowcard := make([]string, 1000)
	for i := range lowcard {
		lowcard[i] = []string{"AIR", "MAIL", "SHIP", "TRUCK", "RAIL", "FOB", "REG AIR"}[r.IntN(7)]
	}
	cases["lowcard"] = lowcard
	distinct := make([]string, 700)
	for i := range distinct {
		distinct[i] = strings.Repeat("k", i%300)
	}
	cases["distinct300"] = distinct
	return cases
}

// strsAsInts turns string cases into int seeds for non-string types (same
// lengths), so every case name exists for every type.
func seedsFor(t types.T) map[string]*vector.Vector {
	out := make(map[string]*vector.Vector)
	if t.Physical() == types.PhysString {
		for name, s := range strCases() {
			out[name] = makeVec(t, nil, s)
		}
		return out
	}
	for name, s := range intCases() {
		out[name] = makeVec(t, s, nil)
	}
	return out
}

// sameRows reports whether rows [from, to) of a equal rows [0, to-from) of b,
// treating NaNs as equal and skipping rows NULL in a.
func sameRows(t *testing.T, a *vector.Vector, from, to int, b *vector.Vector) {
	t.Helper()
	for i := from; i < to; i++ {
		if a.Nulls != nil && a.IsNull(i) {
			continue
		}
		j := i - from
		var ok bool
		switch a.Type.Physical() {
		case types.PhysBool:
			ok = a.Bools[i] == b.Bools[j]
		case types.PhysInt64:
			ok = a.Ints[i] == b.Ints[j]
		case types.PhysFloat64:
			x, y := a.Floats[i], b.Floats[j]
			ok = math.Float64bits(x) == math.Float64bits(y) || (math.IsNaN(x) && math.IsNaN(y))
		case types.PhysDecimal128:
			ok = a.Decs[i] == b.Decs[j]
		case types.PhysString:
			ok = a.Strs[i] == b.Strs[j]
		case types.PhysInterval:
			ok = a.Ivs[i] == b.Ivs[j]
		default:
			ok = true
		}
		if !ok {
			t.Fatalf("row %d: got %v, want %v", i, b.Get(j), a.Get(i))
		}
	}
}
