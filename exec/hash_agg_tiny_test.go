package exec

import (
	"testing"

	"github.com/warehoused/warehoused/types"
	"github.com/warehoused/warehoused/vector"
)

// TestGroupTableTinyKeys mixes batches that take the tiny-key path with ones
// that do not (longer strings, NULLs) and checks every key keeps one group.
func TestGroupTableTinyKeys(t *testing.T) {
	ts := []types.T{types.TextType, types.TextType}
	tbl, err := newGroupTable([]int{0, 1}, ts, nil)
	if err != nil {
		t.Fatal(err)
	}
	strs := func(ss ...string) *vector.Vector {
		v := vector.NewWithCap(types.TextType, len(ss))
		v.Strs = append(v.Strs, ss...)
		return v
	}
	want := map[[2]string]uint32{}
	run := func(a, b *vector.Vector) {
		n := a.Len()
		gids := append([]uint32(nil), tbl.groupIDs([]*vector.Vector{a, b}, n)...)
		for i := 0; i < n; i++ {
			k := [2]string{a.Strs[i], b.Strs[i]}
			if a.IsNull(i) {
				k[0] = "<null>"
			}
			if g, ok := want[k]; ok && g != gids[i] {
				t.Fatalf("key %q: group %d, want %d", k, gids[i], g)
			}
			want[k] = gids[i]
		}
	}
	run(strs("A", "B", "A", ""), strs("x", "x", "x", ""))
	run(strs("AB", "A", "B"), strs("x", "x", "y")) // not tiny: inserts B,y
	run(strs("B", "A", "B", ""), strs("y", "x", "x", ""))
	nul := strs("A", "A")
	nul.SetNull(1)
	run(nul, strs("x", "x"))
	run(strs("A", "C"), strs("x", "x"))
	if tbl.n != len(want) {
		t.Fatalf("%d groups, want %d", tbl.n, len(want))
	}
	// Combining tables keeps the groups apart too.
	o, _ := newGroupTable([]int{0, 1}, ts, nil)
	o.groupIDs([]*vector.Vector{strs("C", "D"), strs("x", "x")}, 2)
	tbl.absorb(o)
	if tbl.n != len(want)+1 {
		t.Fatalf("after absorb %d groups, want %d", tbl.n, len(want)+1)
	}
}
