package encoding

import (
	"fmt"
	"sort"
	"testing"

	"github.com/warehoused/warehoused/sqlerr"
	"github.com/warehoused/warehoused/types"
	"github.com/warehoused/warehoused/vector"
)

func roundTrip(t *testing.T, k Kind, v *vector.Vector, from, to int) []byte {
	t.Helper()
	prefix := []byte{0xAB}
	enc, err := Encode(k, v, from, to, prefix)
	if err != nil {
		t.Fatalf("encode: %v", err)
	}
	if enc[0] != 0xAB {
		t.Fatalf("encode clobbered dst prefix")
	}
	out := vector.New(v.Type, to-from)
	if err := Decode(k, enc[1:], to-from, out); err != nil {
		t.Fatalf("decode: %v", err)
	}
	sameRows(t, v, from, to, out)
	return enc[1:]
}

func TestRoundTrip(t *testing.T) {
	for _, k := range Kinds() {
		for _, typ := range testTypes {
			if !Supports(k, typ) {
				continue
			}
			seeds := seedsFor(typ)
			names := make([]string, 0, len(seeds))
			for name := range seeds {
				names = append(names, name)
			}
			sort.Strings(names)
			for _, name := range names {
				v := seeds[name]
				t.Run(fmt.Sprintf("%s/%s/%s", k, typ, name), func(t *testing.T) {
					roundTrip(t, k, v, 0, v.Len())
					if n := v.Len(); n > 3 {
						roundTrip(t, k, v, 1, n-1) // a sub-range
					}
				})
			}
		}
	}
}

func TestUnsupported(t *testing.T) {
	cases := []struct {
		k  Kind
		t  types.T
		ok bool
	}{
		{Bytedict, types.BoolType, false},
		{AZ64, types.Float64Type, false},
		{AZ64, types.DecimalType(38, 2), true},
		{Delta32K, types.Int16Type, false},
		{Mostly16, types.Int16Type, false},
		{Mostly32, types.Int32Type, false},
		{Mostly8, types.DateType, false},
		{Text255, types.CharType(5), false},
		{Text32K, types.VarcharOf(10), true},
		{Runlength, types.BoolType, true},
		{Zstd, types.IntervalT, true},
		{Kind(200), types.Int64Type, false},
	}
	for _, c := range cases {
		if got := Supports(c.k, c.t); got != c.ok {
			t.Errorf("Supports(%s, %s) = %v", c.k, c.t, got)
		}
		if !c.ok {
			_, err := Encode(c.k, vector.New(c.t, 3), 0, 3, nil)
			if sqlerr.CodeOf(err) != sqlerr.FeatureNotSupported {
				t.Errorf("Encode(%s, %s): %v, want 0A000", c.k, c.t, err)
			}
		}
	}
}

func TestAuto(t *testing.T) {
	cases := []struct {
		t    types.T
		sort bool
		want Kind
	}{
		{types.Int32Type, true, Raw},
		{types.Int32Type, false, AZ64},
		{types.DecimalType(12, 2), false, AZ64},
		{types.DateType, false, AZ64},
		{types.TSTZType, false, AZ64},
		{types.BoolType, false, Raw},
		{types.Float64Type, false, Raw},
		{types.CharType(1), false, LZO},
		{types.VarcharOf(255), false, LZO},
		{types.VarcharOf(256), false, Zstd},
		{types.VarcharOf(0), false, Zstd},
	}
	for _, c := range cases {
		if got := Auto(c.t, c.sort); got != c.want {
			t.Errorf("Auto(%s, %v) = %s, want %s", c.t, c.sort, got, c.want)
		}
		if !Supports(Auto(c.t, c.sort), c.t) {
			t.Errorf("Auto(%s) picks an unsupported encoding", c.t)
		}
	}
}

// NULL slots may hold anything, even values out of the type's range.
func TestNullSlots(t *testing.T) {
	for _, k := range Kinds() {
		for _, typ := range testTypes {
			if !Supports(k, typ) {
				continue
			}
			v := makeVec(typ, []int64{5, 1 << 40, 7, 7, 1 << 50, 9}, []string{"a b", "garbage", "", "a", "zz", "a b"})
			v.SetNull(1)
			v.SetNull(4)
			t.Run(fmt.Sprintf("%s/%s", k, typ), func(t *testing.T) { roundTrip(t, k, v, 0, v.Len()) })
		}
	}
}

func TestOutOfRange(t *testing.T) {
	v := vector.New(types.Int16Type, 2)
	v.Ints[1] = 40000
	for _, k := range Kinds() {
		if !Supports(k, types.Int16Type) {
			continue
		}
		if _, err := Encode(k, v, 0, 2, nil); sqlerr.CodeOf(err) != sqlerr.NumericValueOutOfRange {
			t.Errorf("%s: %v, want 22003", k, err)
		}
	}
}

// Every truncation of a valid encoding, and a byte flip anywhere, must not
// panic; truncations must be reported as XX001.
func TestCorrupt(t *testing.T) {
	for _, k := range Kinds() {
		for _, typ := range testTypes {
			if !Supports(k, typ) || typ.Physical() == types.PhysNull {
				continue
			}
			v := seedsFor(typ)["edges"]
			if v == nil {
				v = seedsFor(typ)["spaces"]
			}
			enc, err := Encode(k, v, 0, v.Len(), nil)
			if err != nil {
				t.Fatal(err)
			}
			for cut := 0; cut < len(enc); cut++ {
				out := vector.New(typ, v.Len())
				err := Decode(k, enc[:cut], v.Len(), out)
				if sqlerr.CodeOf(err) != sqlerr.DataCorrupted {
					t.Errorf("%s/%s cut at %d of %d: %v, want XX001", k, typ, cut, len(enc), err)
				}
			}
			if err := Decode(k, append(enc[:len(enc):len(enc)], 0), v.Len(), vector.New(typ, v.Len())); sqlerr.CodeOf(err) != sqlerr.DataCorrupted {
				t.Errorf("%s/%s trailing byte: %v, want XX001", k, typ, err)
			}
			for i := range enc {
				bad := append([]byte(nil), enc...)
				bad[i] ^= 0x5A
				err := Decode(k, bad, v.Len(), vector.New(typ, v.Len()))
				if err != nil && sqlerr.CodeOf(err) != sqlerr.DataCorrupted {
					t.Errorf("%s/%s flip at %d: %v", k, typ, i, err)
				}
			}
		}
	}
}

func TestDecodeShortVector(t *testing.T) {
	err := Decode(Raw, make([]byte, 80), 10, vector.New(types.Int64Type, 5))
	if err == nil {
		t.Fatal("decoding 10 rows into a 5-row vector succeeded")
	}
}

func TestParseNames(t *testing.T) {
	for _, k := range Kinds() {
		got, err := Parse(k.String())
		if err != nil || got != k {
			t.Errorf("Parse(%q) = %v, %v", k.String(), got, err)
		}
	}
}
