package exec

import (
	"math"
	"testing"

	"github.com/warehoused/warehoused/types"
	"github.com/warehoused/warehoused/vector"
)

func vecOf(t types.T, vals ...types.Datum) *vector.Vector {
	v := vector.NewWithCap(t, len(vals))
	for _, d := range vals {
		v.Append(d)
	}
	return v
}

func TestHashVectorEqualValuesHashEqual(t *testing.T) {
	negZero := math.Copysign(0, -1)
	cases := []struct {
		name string
		t    types.T
		a, b types.Datum // equal values
		c    types.Datum // a different value
	}{
		{"int", types.Int64Type, int64(42), int64(42), int64(43)},
		{"bool", types.BoolType, true, true, false},
		{"float zero", types.Float64Type, 0.0, negZero, 1.0},
		{"float nan", types.Float64Type, math.NaN(), -math.NaN(), math.Inf(1)},
		{"decimal", types.DecimalType(30, 2), types.Decimal128{Hi: 1, Lo: 7}, types.Decimal128{Hi: 1, Lo: 7}, types.Decimal128{Hi: 0, Lo: 7}},
		{"string", types.TextType, "hello world, long string", "hello world, long string", "hello world, long strinG"},
		{"short string", types.TextType, "abc", "abc", "abd"},
		{"empty string", types.TextType, "", "", "\x00"},
		{"interval", types.IntervalT, types.IntervalValue{Months: 1}, types.IntervalValue{Days: 30}, types.IntervalValue{Days: 31}},
		{"interval micros", types.IntervalT, types.IntervalValue{Days: 1}, types.IntervalValue{Micros: microsDay}, types.IntervalValue{Micros: -microsDay}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			v := vecOf(c.t, c.a, c.b, c.c, nil)
			for _, first := range []bool{true, false} {
				h := make([]uint64, 4)
				for i := range h {
					h[i] = 99
				}
				HashVector(v, h, first)
				if h[0] != h[1] {
					t.Errorf("first=%v: equal values hash differently", first)
				}
				if h[0] == h[2] {
					t.Errorf("first=%v: different values hash alike", first)
				}
				if !ValueEqual(v, 0, v, 1, false) || ValueEqual(v, 0, v, 2, false) {
					t.Errorf("ValueEqual wrong")
				}
				if CompareValues(v, 0, v, 1, false, false) != 0 {
					t.Errorf("CompareValues of equal values != 0")
				}
			}
			h := make([]uint64, 4)
			HashVector(v, h, true)
			if h[3] != nullHash {
				t.Errorf("NULL hash = %x", h[3])
			}
			if ValueEqual(v, 3, v, 3, false) || !ValueEqual(v, 3, v, 3, true) || ValueEqual(v, 0, v, 3, true) {
				t.Errorf("NULL equality wrong")
			}
		})
	}
}

func TestHashVectorMultiColumn(t *testing.T) {
	a := vecOf(types.Int64Type, int64(1), int64(2), int64(1), nil, nil)
	b := vecOf(types.TextType, "x", "x", "x", "y", "y")
	h := make([]uint64, 5)
	HashVector(a, h, true)
	HashVector(b, h, false)
	if h[0] != h[2] || h[0] == h[1] || h[3] != h[4] {
		t.Fatalf("multi-column hashes wrong: %x", h)
	}
	// Column order matters.
	h2 := make([]uint64, 5)
	HashVector(b, h2, true)
	HashVector(a, h2, false)
	if h2[0] == h[0] {
		t.Errorf("hash ignores column order")
	}
	// PhysNull vectors hash like NULLs.
	nv := vector.New(types.UnknownType, 2)
	hn := make([]uint64, 2)
	HashVector(nv, hn, true)
	if hn[0] != nullHash || hn[1] != nullHash {
		t.Errorf("PhysNull hash wrong")
	}
}

func TestCompareValues(t *testing.T) {
	nan := math.NaN()
	cases := []struct {
		name             string
		t                types.T
		x, y             types.Datum
		desc, nullsFirst bool
		want             int
	}{
		{"int lt", types.Int64Type, int64(1), int64(2), false, false, -1},
		{"int desc", types.Int64Type, int64(1), int64(2), true, false, 1},
		{"null last", types.Int64Type, nil, int64(2), false, false, 1},
		{"null first", types.Int64Type, nil, int64(2), false, true, -1},
		{"null first desc", types.Int64Type, int64(2), nil, true, true, 1},
		{"null null", types.Int64Type, nil, nil, true, true, 0},
		{"nan greatest", types.Float64Type, nan, math.Inf(1), false, false, 1},
		{"nan nan", types.Float64Type, nan, nan, false, false, 0},
		{"inf nan", types.Float64Type, math.Inf(1), nan, false, false, -1},
		{"neg zero", types.Float64Type, math.Copysign(0, -1), 0.0, false, false, 0},
		{"bool", types.BoolType, false, true, false, false, -1},
		{"string", types.TextType, "ab", "b", false, false, -1},
		{"string prefix", types.TextType, "ab", "a", false, false, 1},
		{"dec neg", types.DecimalType(30, 0), types.Decimal128{Hi: -1, Lo: math.MaxUint64}, types.Decimal128{Lo: 0}, false, false, -1},
		{"dec lo", types.DecimalType(30, 0), types.Decimal128{Lo: 1 << 63}, types.Decimal128{Lo: 1}, false, false, 1},
		{"interval month vs days", types.IntervalT, types.IntervalValue{Months: 1}, types.IntervalValue{Days: 29, Micros: 2 * microsDay}, false, false, -1},
		{"interval neg micros", types.IntervalT, types.IntervalValue{Days: 1, Micros: -1}, types.IntervalValue{Micros: microsDay - 1}, false, false, 0},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			a := vecOf(c.t, c.x)
			b := vecOf(c.t, c.y)
			if got := CompareValues(a, 0, b, 0, c.desc, c.nullsFirst); got != c.want {
				t.Errorf("got %d want %d", got, c.want)
			}
			if got := CompareValues(b, 0, a, 0, c.desc, c.nullsFirst); got != -c.want {
				t.Errorf("reversed: got %d want %d", got, -c.want)
			}
		})
	}
}
