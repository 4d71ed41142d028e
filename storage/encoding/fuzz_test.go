package encoding

import (
	"encoding/binary"
	"math"
	"testing"

	"github.com/warehoused/warehoused/sqlerr"
	"github.com/warehoused/warehoused/types"
	"github.com/warehoused/warehoused/vector"
)

// fuzzMaxRows bounds n so a fuzzed length cannot make the test allocate
// much (decoders size their output from n).
const fuzzMaxRows = 300

func fuzzType(b byte) types.T { return testTypes[int(b)%len(testTypes)] }

func fuzzKind(b byte) Kind { return Kind(int(b) % int(numKinds)) }

// FuzzDecode feeds arbitrary bytes to every decoder: it must return nil or
// an XX001 error, never panic, never loop.
func FuzzDecode(f *testing.F) {
	for _, k := range Kinds() {
		for ti, typ := range testTypes {
			if !Supports(k, typ) {
				continue
			}
			for _, v := range []*vector.Vector{
				makeVec(typ, []int64{1, 2, 3, -400, math.MaxInt64, 3, 3}, []string{"a b", "", "c  d", "a b", "xyz", "a", "c"}),
			} {
				enc, err := Encode(k, v, 0, v.Len(), nil)
				if err != nil {
					f.Fatal(err)
				}
				f.Add(byte(k), byte(ti), uint16(v.Len()), enc)
			}
		}
	}
	f.Fuzz(func(t *testing.T, kb, tb byte, n uint16, data []byte) {
		k, typ := fuzzKind(kb), fuzzType(tb)
		rows := int(n) % fuzzMaxRows
		out := vector.New(typ, rows)
		err := Decode(k, data, rows, out)
		if err != nil && sqlerr.CodeOf(err) != sqlerr.DataCorrupted {
			t.Fatalf("%s/%s: error %v is not XX001", k, typ, err)
		}
	})
}

// FuzzRoundTrip builds a vector from arbitrary bytes and checks every
// supported encoding gives it back unchanged.
func FuzzRoundTrip(f *testing.F) {
	f.Add(byte(0), byte(3), []byte("\x01\x02\x03\x04\x05\x06\x07\x08 hello  world"))
	f.Add(byte(1), byte(9), []byte("the quick brown fox  jumps over the lazy dog the end"))
	f.Add(byte(8), byte(6), []byte("\xff\xff\xff\xff\xff\xff\xff\x7f\x00\x00\x00\x00\x00\x00\x00\x80"))
	f.Fuzz(func(t *testing.T, kb, tb byte, data []byte) {
		k, typ := fuzzKind(kb), fuzzType(tb)
		if !Supports(k, typ) {
			return
		}
		v := vectorFromBytes(typ, data)
		roundTrip(t, k, v, 0, v.Len())
	})
}

// vectorFromBytes derives a vector of t from fuzz bytes. The first byte
// picks a value width (small widths give repeats and runs); strings are cut
// at a separator byte, so spaces, empties and invalid UTF-8 all occur.
func vectorFromBytes(t types.T, data []byte) *vector.Vector {
	if t.Physical() == types.PhysString {
		var strs []string
		start := 0
		for i, b := range data {
			if b == '|' {
				strs = append(strs, string(data[start:i]))
				start = i + 1
			}
		}
		strs = append(strs, string(data[start:]))
		return makeVec(t, nil, strs)
	}
	w := 1
	if len(data) > 0 {
		w = 1 + int(data[0])%8
		data = data[1:]
	}
	var ints []int64
	for len(data) >= w {
		var buf [8]byte
		copy(buf[:], data[:w])
		x := int64(binary.LittleEndian.Uint64(buf[:]))
		if w < 8 { // sign-extend so negatives occur
			x = x << (64 - 8*w) >> (64 - 8*w)
		}
		ints = append(ints, x)
		data = data[w:]
	}
	v := makeVec(t, ints, nil)
	if t.Physical() == types.PhysFloat64 { // exercise raw float bit patterns too
		for i, x := range ints {
			if x%3 == 0 {
				f := math.Float64frombits(uint64(x))
				if t.ID == types.Float32 {
					f = float64(float32(f))
				}
				v.Floats[i] = f
			}
		}
	}
	return v
}
