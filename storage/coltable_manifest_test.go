package storage

import (
	"bytes"
	"context"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/warehoused/warehoused/sqlerr"
	"github.com/warehoused/warehoused/types"
	"github.com/warehoused/warehoused/vector"
)

// manifestTable has every type, odd zone-map bounds, deletes and both regions.
func manifestTable(t *testing.T) *ColTable {
	ctx := context.Background()
	l := testLayout(allTypes, 2, 300)
	l.SortKey = []int{3}
	tb := writeAll(t, NewColTable(newTestStore(t), l), genBatches(allTypes, 2000, 512)...)
	odd := vector.NewBatch(allTypes, 4)
	for c, ty := range allTypes {
		for r := 0; r < 4; r++ {
			odd.Cols[c].Set(r, datumFor(ty, c, r+1))
		}
	}
	odd.Cols[5].Floats[0], odd.Cols[5].Floats[1] = math.Inf(-1), math.NaN()
	odd.Cols[6].Ints[0] = -999999999999 // DECIMAL(12,2) at its limits
	odd.Cols[7].Decs[0] = types.Decimal128{Hi: math.MinInt64 / 8, Lo: math.MaxUint64}
	odd.Cols[9].Strs[0] = "\xff\xfebad utf-8"
	odd.Cols[10].Strs[1] = strings.Repeat("é", 40) // Min cut to a prefix inside a rune
	tb = writeAll(t, tb, odd)
	var ids []int64
	for i, r := range scanAll(t, tb, []int{-1}) {
		if i%3 == 0 {
			ids = append(ids, r[0].(int64))
		}
	}
	tb, _, err := tb.Delete(ctx, ids[:len(ids)/2])
	if err != nil {
		t.Fatal(err)
	}
	return tb.(*ColTable)
}

func TestColTableManifestRoundTrip(t *testing.T) {
	ctx := context.Background()
	tb := manifestTable(t)
	m, err := tb.Manifest()
	if err != nil {
		t.Fatal(err)
	}
	back, err := LoadColTable(ctx, tb.store, tb.Layout(), m)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(fmt.Sprintf("%#v", back.Info()), fmt.Sprintf("%#v", tb.Info())) {
		t.Fatalf("info differs:\n%+v\n%+v", back.Info(), tb.Info())
	}
	cols := append([]int{-1}, allCols(len(allTypes))...)
	for s := 0; s < tb.Slices(); s++ {
		a := scanSlice(t, tb, ScanRequest{Slice: s, Columns: cols})
		b := scanSlice(t, back, ScanRequest{Slice: s, Columns: cols})
		if fmt.Sprint(a) != fmt.Sprint(b) {
			t.Fatalf("slice %d scans differ", s)
		}
	}
	m2, _ := back.Manifest()
	if !bytes.Equal(m, m2) {
		t.Fatal("manifest changes on a round trip")
	}
	refs, err := ManifestRefs(m)
	if err != nil {
		t.Fatal(err)
	}
	distinct := map[string]bool{}
	for _, b := range tb.Info().Blocks {
		distinct[b.Hash] = true
	}
	if len(refs) != len(distinct) {
		t.Fatalf("%d refs for %d blocks", len(refs), len(distinct))
	}
	// A new table and one after Truncated round-trip too.
	for _, e := range []*ColTable{NewColTable(tb.store, tb.Layout()), tb.Truncated().(*ColTable)} {
		em, _ := e.Manifest()
		if _, err := LoadColTable(ctx, tb.store, tb.Layout(), em); err != nil {
			t.Fatal(err)
		}
	}
}

func TestLoadColTableRejects(t *testing.T) {
	ctx := context.Background()
	tb := manifestTable(t)
	m, _ := tb.Manifest()
	other := tb.Layout()
	other.Types = append([]types.T(nil), other.Types...)
	other.Types[3] = types.TextType
	fewer := tb.Layout()
	fewer.Types = fewer.Types[:3]
	slices3 := tb.Layout()
	slices3.Slices = 3
	hash := tb.Info().Blocks[0].Hash
	for _, tc := range []struct {
		name string
		l    Layout
		m    []byte
	}{
		{"not json", tb.Layout(), []byte("{nope")},
		{"truncated", tb.Layout(), m[:len(m)/2]},
		{"version", tb.Layout(), bytes.Replace(m, []byte(`"v":1`), []byte(`"v":9`), 1)},
		{"type mismatch", other, m},
		{"column count", fewer, m},
		{"bad hash", tb.Layout(), bytes.Replace(m, []byte(hash), []byte("../../etc/passwd"), 1)},
		{"bad delete vector", tb.Layout(), bytes.Replace(m, []byte(`"d":"`), []byte(`"d":"!!`), 1)},
		{"bad bound", tb.Layout(), bytes.Replace(m, []byte(`"lo":`), []byte(`"lo":{},"x":`), 1)},
	} {
		if _, err := LoadColTable(ctx, tb.store, tc.l, tc.m); sqlerr.CodeOf(err) != sqlerr.DataCorrupted {
			t.Errorf("%s: %v", tc.name, err)
		}
	}
	if _, err := LoadColTable(ctx, tb.store, slices3, m); sqlerr.CodeOf(err) != sqlerr.ObjectNotInPrerequisiteState {
		t.Errorf("other slice count: %v", err)
	}
	if _, err := ManifestRefs([]byte("[")); sqlerr.CodeOf(err) != sqlerr.DataCorrupted {
		t.Errorf("refs of garbage: %v", err)
	}
}

func TestColTableCorruptBlock(t *testing.T) {
	ts := []types.T{types.Int64Type, types.TextType}
	l := testLayout(ts, 1, 1000)
	l.Name = "sales.orders"
	l.ColumnNames = []string{"id", "note"}
	tb := writeAll(t, NewColTable(newTestStore(t), l), genBatches(ts, 500, 500)...).(*ColTable)
	var hash string
	for _, b := range tb.Info().Blocks {
		if b.Col == 1 {
			hash = b.Hash
		}
	}
	path := filepath.Join(tb.store.Dir(), "blocks", hash[:2], hash)
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	data[len(data)/2] ^= 0x55
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	it, err := tb.Scan(context.Background(), ScanRequest{Columns: []int{0, 1}})
	if err != nil {
		t.Fatal(err)
	}
	_, err = it.Next(context.Background())
	if sqlerr.CodeOf(err) != sqlerr.DataCorrupted || !strings.Contains(err.Error(), `"note"`) || !strings.Contains(err.Error(), `"sales.orders"`) {
		t.Fatalf("scan of a corrupt block: %v", err)
	}
	// Rewrites read the block too.
	if _, err := tb.Vacuum(context.Background(), VacuumFull, 0); err != nil {
		t.Fatal(err) // nothing to do: no unsorted or deleted rows
	}
	d, _, _ := tb.Delete(context.Background(), []int64{RowID(0, 0, 1)})
	if _, err := d.(*ColTable).Vacuum(context.Background(), VacuumDeleteOnly, 100); sqlerr.CodeOf(err) != sqlerr.DataCorrupted {
		t.Fatalf("vacuum of a corrupt block: %v", err)
	}
}

func FuzzLoadColTable(f *testing.F) {
	ts := []types.T{types.Int64Type, types.TextType, types.DecimalType(30, 2)}
	l := testLayout(ts, 2, 100)
	s := newTestStore(f)
	tb := NewColTable(s, l)
	b := vector.NewBatch(ts, 250)
	for r := 0; r < b.N; r++ {
		b.Cols[0].Ints[r] = int64(r)
		b.Cols[1].Strs[r] = fmt.Sprint("v", r%7)
		b.Cols[2].Decs[r] = types.Decimal128{Lo: uint64(r)}
	}
	b.Cols[1].SetNull(3)
	full := writeAll(f, tb, b)
	full, _, _ = full.Delete(context.Background(), []int64{RowID(0, 0, 1), RowID(1, 1, 5)})
	m, err := full.(*ColTable).Manifest()
	if err != nil {
		f.Fatal(err)
	}
	f.Add(m)
	f.Add([]byte(`{"v":1,"types":[[4,0,0,0],[10,0,0,0],[7,30,2,0]],"slices":[{"sorted":0,"groups":[]},{"sorted":0,"groups":[]}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		got, err := LoadColTable(context.Background(), s, l, data)
		if err != nil {
			if c := sqlerr.CodeOf(err); c != sqlerr.DataCorrupted && c != sqlerr.ObjectNotInPrerequisiteState {
				t.Fatalf("error %v with code %s", err, c)
			}
			return
		}
		// A manifest that loads describes a consistent version.
		info := got.Info()
		if info.Rows != got.Rows() || info.Rows < 0 {
			t.Fatalf("rows %d vs %d", info.Rows, got.Rows())
		}
		if _, err := got.Manifest(); err != nil {
			t.Fatal(err)
		}
		if _, err := ManifestRefs(data); err != nil {
			t.Fatalf("refs of a manifest that loads: %v", err)
		}
	})
}
