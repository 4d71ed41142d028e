package block

import (
	"fmt"
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/warehoused/warehoused/sqlerr"
	"github.com/warehoused/warehoused/types"
	"github.com/warehoused/warehoused/vector"
)

// testTypes covers every physical kind and the logical types that share one.
var testTypes = []types.T{
	types.BoolType, types.Int16Type, types.Int32Type, types.Int64Type, types.DateType, types.TSType,
	types.Float32Type, types.Float64Type, types.DecimalType(10, 2), types.DecimalType(30, 5),
	types.VarcharOf(0), types.CharType(12), types.TextType, types.IntervalT, types.UnknownType,
}

// makeVector returns n rows of type t; every nullEvery-th row is NULL (0: no
// NULLs). Values repeat a little so dictionary and run-length encodings have
// something to do.
func makeVector(t types.T, n, nullEvery int, seed uint64) *vector.Vector {
	r := rand.New(rand.NewPCG(seed, 7))
	v := vector.New(t, n)
	for i := 0; i < n; i++ {
		if nullEvery > 0 && i%nullEvery == nullEvery-1 || t.Physical() == types.PhysNull {
			v.SetNull(i)
			continue
		}
		k := int64(r.IntN(50)) - 20
		if r.IntN(8) == 0 {
			k = int64(r.Uint32())
		}
		switch t.Physical() {
		case types.PhysBool:
			v.Bools[i] = k%2 == 0
		case types.PhysInt64:
			if t.ID == types.Int16 {
				k = int64(int16(k))
			} else if t.ID == types.Int32 || t.ID == types.Date {
				k = int64(int32(k))
			}
			v.Ints[i] = k
		case types.PhysFloat64:
			v.Floats[i] = float64(float32(float64(k) / 4))
		case types.PhysDecimal128:
			v.Decs[i] = types.MulInt64(k, 1_000_000_007)
		case types.PhysString:
			v.Strs[i] = fmt.Sprintf("s%d", k) + strings.Repeat("x", int(k&7))
		case types.PhysInterval:
			v.Ivs[i] = types.IntervalValue{Months: int32(k % 13), Days: int32(k % 40), Micros: k * 1000}
		}
	}
	return v
}

// sameRows fails the test unless got holds want's rows [from, to).
func sameRows(t testing.TB, want *vector.Vector, from, to int, got *vector.Vector) {
	t.Helper()
	if got.Len() != to-from {
		t.Fatalf("got %d rows, want %d", got.Len(), to-from)
	}
	if got.Type != want.Type {
		t.Fatalf("got type %s, want %s", got.Type, want.Type)
	}
	for i := from; i < to; i++ {
		w, g := want.Get(i), got.Get(i-from)
		if !sameDatum(w, g) {
			t.Fatalf("row %d: got %v, want %v", i-from, g, w)
		}
	}
}

func sameDatum(a, b types.Datum) bool {
	fa, ok1 := a.(float64)
	fb, ok2 := b.(float64)
	if ok1 && ok2 {
		return math.Float64bits(fa) == math.Float64bits(fb)
	}
	return a == b
}

func wantCode(t testing.TB, err error, code sqlerr.Code) {
	t.Helper()
	if err == nil {
		t.Fatalf("got no error, want %s", code)
	}
	if got := sqlerr.CodeOf(err); got != code {
		t.Fatalf("got %s (%v), want %s", got, err, code)
	}
}
