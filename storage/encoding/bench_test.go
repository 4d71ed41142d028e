package encoding

import (
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/warehoused/warehoused/types"
	"github.com/warehoused/warehoused/vector"
)

const benchRows = 32768

// benchData is realistic block contents per data shape.
func benchData() []struct {
	name string
	v    *vector.Vector
} {
	r := rand.New(rand.NewPCG(7, 8))
	dates := vector.New(types.DateType, benchRows) // sorted dates, ~10 rows a day
	for i := range dates.Ints {
		dates.Ints[i] = 8000 + int64(i/10)
	}
	ints := vector.New(types.Int64Type, benchRows) // random keys below 6M
	for i := range ints.Ints {
		ints.Ints[i] = r.Int64N(6_000_000)
	}
	prices := vector.New(types.DecimalType(12, 2), benchRows) // l_extendedprice-like
	for i := range prices.Ints {
		prices.Ints[i] = 90000 + r.Int64N(10_000_000)
	}
	ts := vector.New(types.TSType, benchRows) // sorted timestamps, irregular gaps
	t0 := int64(1_600_000_000_000_000)
	for i := range ts.Ints {
		t0 += r.Int64N(5_000_000)
		ts.Ints[i] = t0
	}
	modes := vector.New(types.VarcharOf(10), benchRows) // low cardinality
	shipmodes := []string{"AIR", "MAIL", "SHIP", "TRUCK", "RAIL", "FOB", "REG AIR"}
	for i := range modes.Strs {
		modes.Strs[i] = shipmodes[r.IntN(len(shipmodes))]
	}
	words := strings.Fields("furiously regular deposits sleep carefully final packages among the quickly ironic accounts " +
		"haggle blithely special requests wake slyly pending theodolites nag express instructions are bold foxes")
	comments := vector.New(types.VarcharOf(44), benchRows) // l_comment-like
	for i := range comments.Strs {
		n := 2 + r.IntN(5)
		ws := make([]string, n)
		for j := range ws {
			ws[j] = words[r.IntN(len(words))]
		}
		comments.Strs[i] = strings.Join(ws, " ")
	}
	floats := vector.New(types.Float64Type, benchRows)
	for i := range floats.Floats {
		floats.Floats[i] = float64(r.IntN(11)) / 100 // l_discount-like
	}
	bools := vector.New(types.BoolType, benchRows)
	for i := range bools.Bools {
		bools.Bools[i] = i%3 == 0
	}
	return []struct {
		name string
		v    *vector.Vector
	}{
		{"sorted_dates", dates}, {"random_ints", ints}, {"prices", prices}, {"sorted_ts", ts},
		{"lowcard_strs", modes}, {"comments", comments}, {"discounts", floats}, {"bools", bools},
	}
}

func BenchmarkEncode(b *testing.B) {
	for _, d := range benchData() {
		for _, k := range Kinds() {
			if !Supports(k, d.v.Type) {
				continue
			}
			b.Run(k.String()+"/"+d.name, func(b *testing.B) {
				var buf []byte
				b.ReportAllocs()
				cpu0 := cpuTime()
				for b.Loop() {
					var err error
					buf, err = Encode(k, d.v, 0, benchRows, buf[:0])
					if err != nil {
						b.Fatal(err)
					}
				}
				reportRates(b, len(buf), cpuTime()-cpu0)
			})
		}
	}
}

func BenchmarkDecode(b *testing.B) {
	for _, d := range benchData() {
		for _, k := range Kinds() {
			if !Supports(k, d.v.Type) {
				continue
			}
			enc, err := Encode(k, d.v, 0, benchRows, nil)
			if err != nil {
				b.Fatal(err)
			}
			b.Run(k.String()+"/"+d.name, func(b *testing.B) {
				out := vector.New(d.v.Type, benchRows)
				b.ReportAllocs()
				b.SetBytes(int64(len(enc)))
				cpu0 := cpuTime()
				for b.Loop() {
					if err := Decode(k, enc, benchRows, out); err != nil {
						b.Fatal(err)
					}
				}
				reportRates(b, len(enc), cpuTime()-cpu0)
			})
		}
	}
}

// reportRates adds bytes per row, rows per wall second and rows per CPU
// second (the latter ignores time the benchmark spent descheduled).
func reportRates(b *testing.B, size int, cpu time.Duration) {
	rows := float64(b.N) * benchRows
	b.ReportMetric(float64(size)/benchRows, "B/row")
	b.ReportMetric(rows/b.Elapsed().Seconds(), "rows/s")
	if cpu > 0 {
		b.ReportMetric(rows/cpu.Seconds(), "rows/cpu-s")
	}
}
