package bench

import (
	"bytes"
	"testing"
)

func TestPowModMatchesRepeatedSteps(t *testing.T) {
	v := int64(1)
	for n := range int64(300) {
		if got := powMod(n); got != v {
			t.Fatalf("powMod(%d) = %d, want %d", n, got, v)
		}
		v = v * rngMult % rngModulo
	}
}

// TestSkipAheadMatchesSequential checks that starting a chunk at row k gives
// the same streams as generating rows 1..k-1 first.
func TestSkipAheadMatchesSequential(t *testing.T) {
	g, err := newGenCtx(0.01)
	if err != nil {
		t.Fatal(err)
	}
	seq := newRNG(orderStreams, 1)
	var ob, lb []byte
	for i := int64(1); i < 100; i++ {
		ob, lb = g.order(ob[:0], lb[:0], seq, i, true, true)
		seq.rowStop()
	}
	skip := newRNG(orderStreams, 100)
	if seq.s != skip.s {
		t.Fatal("stream states differ after skipping 99 orders")
	}
	o1, l1 := g.order(nil, nil, seq, 100, true, true)
	o2, l2 := g.order(nil, nil, skip, 100, true, true)
	if !bytes.Equal(o1, o2) || !bytes.Equal(l1, l2) {
		t.Fatal("row 100 differs")
	}
}

func TestSpecFormulas(t *testing.T) {
	// Sparse order keys: 8 of every 32 keys.
	for i, want := range map[int64]int64{1: 1, 7: 7, 8: 32, 9: 33, 15: 39, 16: 64} {
		if got := orderKey(i); got != want {
			t.Errorf("orderKey(%d) = %d, want %d", i, got, want)
		}
	}
	// p_retailprice = (90000 + ((p/10) mod 20001) + 100*(p mod 1000))/100.
	for p, want := range map[int64]int64{1: 90100, 2: 90200, 1000: 90100, 200000: 110000} {
		if got := retailPrice(p); got != want {
			t.Errorf("retailPrice(%d) = %d, want %d", p, got, want)
		}
	}
	// ps_suppkey = (p + i*(S/4 + (p-1)/S)) mod S + 1; the four are distinct.
	for p := int64(1); p <= 2000; p++ {
		seen := map[int64]bool{}
		for i := range int64(4) {
			s := partSupp(p, i, 100)
			if s < 1 || s > 100 || seen[s] {
				t.Fatalf("partSupp(%d, %d) = %d", p, i, s)
			}
			seen[s] = true
		}
	}
}

func TestAppendMoney(t *testing.T) {
	for cents, want := range map[int64]string{0: "0.00", 5: "0.05", -5: "-0.05", 171: "1.71", -99999: "-999.99", 1700: "17.00"} {
		if got := string(appendMoney(nil, cents)); got != want {
			t.Errorf("appendMoney(%d) = %q, want %q", cents, got, want)
		}
	}
}

func TestTextPool(t *testing.T) {
	p := buildTextPool(newDists(), 1<<16)
	if len(p) != 1<<16 {
		t.Fatalf("pool length %d", len(p))
	}
	// The pool is sentences of words: letters, spaces and punctuation.
	for _, c := range p {
		if !(c >= 'a' && c <= 'z' || c == ' ' || c == 'T' || bytes.IndexByte([]byte(".,;:?!-"), c) >= 0) {
			t.Fatalf("unexpected byte %q in text pool", c)
		}
	}
	if !bytes.HasPrefix(p, []byte("furiously special foxes haggle furiously blithely ironic deposits. ")) {
		t.Errorf("pool starts %q", p[:80])
	}
}
