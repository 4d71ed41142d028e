package encoding

import (
	"fmt"
	"math"
	"sync"
	"testing"

	"github.com/warehoused/warehoused/types"
	"github.com/warehoused/warehoused/vector"
)

// TestCompresses pins each encoding's size on the data it is meant for, so a
// codec that silently degrades to storing everything raw is caught.
func TestCompresses(t *testing.T) {
	data := map[string]*vector.Vector{}
	for _, d := range benchData() {
		data[d.name] = d.v
	}
	cases := []struct {
		k      Kind
		data   string
		maxRow float64 // bytes per row at most
	}{
		{Raw, "sorted_dates", 4},
		{Raw, "bools", 0.126},
		{AZ64, "sorted_dates", 0.2},
		{AZ64, "random_ints", 3.1},
		{AZ64, "sorted_ts", 3.1},
		{Delta, "sorted_dates", 1.01},
		{Delta32K, "sorted_dates", 2.01},
		{Mostly32, "random_ints", 4.01},
		{Bytedict, "lowcard_strs", 1.01},
		{Bytedict, "discounts", 1.01},
		{Runlength, "sorted_dates", 0.51},
		{Runlength, "bools", 2.1},
		{Text255, "comments", 8},
		{Text32K, "comments", 12},
		{LZO, "comments", 16},
		{Zstd, "comments", 10},
		{Zstd, "random_ints", 4},
	}
	for _, c := range cases {
		v := data[c.data]
		size, err := Estimate(c.k, v, 0, v.Len())
		if err != nil {
			t.Fatal(err)
		}
		if got := float64(size) / float64(v.Len()); got > c.maxRow {
			t.Errorf("%s on %s: %.3f bytes/row, want <= %.3f", c.k, c.data, got, c.maxRow)
		}
	}
}

// DECIMAL(p>18) takes the int64 path when every value fits and the raw
// 128-bit fallback otherwise.
func TestDecimal128Paths(t *testing.T) {
	typ := types.DecimalType(30, 2)
	small := vector.New(typ, 300)
	for i := range small.Decs {
		x := int64(i*i) - 5000
		small.Decs[i] = types.Decimal128{Hi: x >> 63, Lo: uint64(x)}
	}
	wide := vector.New(typ, 300)
	copy(wide.Decs, small.Decs)
	wide.Decs[150] = types.Decimal128{Hi: 1 << 40, Lo: 7}
	wide.Decs[151] = types.Decimal128{Hi: -1, Lo: 1} // below MinInt64
	for _, k := range Kinds() {
		if !Supports(k, typ) {
			continue
		}
		for name, v := range map[string]*vector.Vector{"small": small, "wide": wide} {
			t.Run(fmt.Sprintf("%s/%s", k, name), func(t *testing.T) {
				enc := roundTrip(t, k, v, 0, v.Len())
				if k == AZ64 && name == "small" && len(enc) > 2*v.Len() {
					t.Errorf("az64 on small decimals: %d bytes", len(enc))
				}
			})
		}
	}
}

// Encoders and decoders share pooled LZ4 compressors and one zstd codec
// pair: run them from many goroutines (meaningful under -race).
func TestConcurrent(t *testing.T) {
	v := vector.New(types.VarcharOf(30), 2000)
	for i := range v.Strs {
		v.Strs[i] = fmt.Sprintf("row %d of %d", i%97, i%13)
	}
	f := vector.New(types.Float64Type, 2000)
	for i := range f.Floats {
		f.Floats[i] = math.Sqrt(float64(i % 50))
	}
	var wg sync.WaitGroup
	errs := make(chan error, 64)
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for _, k := range []Kind{LZO, Zstd, Text255, Bytedict} {
				for _, in := range []*vector.Vector{v, f} {
					if !Supports(k, in.Type) {
						continue
					}
					enc, err := Encode(k, in, 0, in.Len(), nil)
					if err != nil {
						errs <- err
						return
					}
					out := vector.New(in.Type, in.Len())
					if err := Decode(k, enc, in.Len(), out); err != nil {
						errs <- err
						return
					}
					for i := 0; i < in.Len(); i++ {
						if fmt.Sprint(in.Get(i)) != fmt.Sprint(out.Get(i)) {
							errs <- fmt.Errorf("%s row %d differs", k, i)
							return
						}
					}
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}

// Extremely compressible blocks must stay within the decoders' expansion
// bounds (LZ4 at most 255x, zstd at most 128 KiB per 4 bytes).
func TestHighlyCompressible(t *testing.T) {
	rows := 4096
	if testing.Short() {
		rows = 512
	}
	v := vector.New(types.VarcharOf(0), rows)
	long := string(make([]byte, 2000))
	for i := range v.Strs {
		v.Strs[i] = long
	}
	z := vector.New(types.Int64Type, 200_000)
	for _, k := range []Kind{LZO, Zstd, Runlength, Bytedict, Text32K} {
		roundTrip(t, k, v, 0, v.Len())
		if Supports(k, z.Type) {
			roundTrip(t, k, z, 0, z.Len())
		}
	}
}
