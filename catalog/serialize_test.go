package catalog

import (
	"reflect"
	"testing"
	"time"

	"github.com/warehoused/warehoused/types"
)

func TestEncodeDecodeRoundTrip(t *testing.T) {
	c := New()
	if err := c.CreateSchema("sales", "rdsdb"); err != nil {
		t.Fatal(err)
	}
	dec := types.T{ID: types.Decimal, Precision: 12, Scale: 2}
	tab, err := c.AddTable(&Table{Schema: "sales", Name: "orders", Kind: KindTable, DistStyle: DistKey, DistKey: 0, SortKey: []int{1},
		Columns: []Column{{Name: "id", Type: types.Int64Type, NotNull: true, Encode: "az64"}, {Name: "day", Type: types.DateType},
			{Name: "amount", Type: dec, DefaultSQL: "0", Comment: "money"}, {Name: "note", Type: types.TextType}}, RowCount: -1,
		Constraints: []Constraint{{Name: "orders_pkey", Kind: ConstraintPrimaryKey, Columns: []int{0}},
			{Name: "orders_day_note_fkey", Kind: ConstraintForeignKey, Columns: []int{1, 3}, RefTable: 100007, RefColumns: []int{2, 0}}}})
	if err != nil {
		t.Fatal(err)
	}
	st := *tab
	st.Stats = &TableStats{Rows: 10, AnalyzedAt: time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC), ChangeMark: 3, Columns: []ColumnStats{
		{Analyzed: true, Distinct: 10, Min: int64(1), Max: int64(10), MCV: []types.Datum{int64(4)}, MCVFreq: []float64{0.2}},
		{Analyzed: true, NullFrac: 0.5, Min: int64(19000), Max: int64(19010)},
		{Analyzed: true, Min: int64(-1234), Max: int64(99999)},
		{Analyzed: true, Min: "a b", Max: "zz|\"q\""},
	}}
	if err := c.ReplaceTable(&st); err != nil {
		t.Fatal(err)
	}
	if _, err := c.AddTable(&Table{Schema: "public", Name: "v", Kind: KindView, ViewSQL: "select 1", DistKey: -1, Columns: []Column{{Name: "x", Type: types.Int32Type}}}); err != nil {
		t.Fatal(err)
	}
	c.SetDeps(tab.ID+1, []TableID{tab.ID})
	c.PutUser(&User{Name: "alice", ID: 101, Superuser: true, SCRAM: "SCRAM-SHA-256$4096:x$y:z", ConnLimit: -1})
	c.CreateTempSchema("pg_temp_3", "rdsdb")

	data, err := c.Encode()
	if err != nil {
		t.Fatal(err)
	}
	d, err := Decode(data, nil)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := d.Find("sales", "orders"), c.Find("sales", "orders"); !reflect.DeepEqual(got, want) {
		t.Fatalf("table differs:\n got %+v\nwant %+v\n got stats %+v\nwant stats %+v", got, want, got.Stats, want.Stats)
	}
	if d.Find("public", "v") == nil || len(d.Dependents(tab.ID)) != 1 {
		t.Fatal("view or its dependency lost")
	}
	if u, ok := d.User("alice"); !ok || !u.Superuser {
		t.Fatal("user lost")
	}
	if _, ok := d.Schema("pg_temp_3"); ok {
		t.Fatal("temporary schema persisted")
	}
	// New tables keep getting fresh ids.
	n, err := d.AddTable(&Table{Schema: "public", Name: "t2", Kind: KindTable, DistKey: -1, Columns: []Column{{Name: "a", Type: types.Int32Type}}})
	if err != nil || n.ID <= tab.ID+1 {
		t.Fatalf("id reuse: %v %v", n, err)
	}
}

func TestDecodeCorrupt(t *testing.T) {
	for _, in := range []string{"", "{", `{"format":99}`, `{"format":1,"tables":[{"Schema":"nope","Name":"x"}]}`, `{"format":1,"schemas":[null]}`} {
		if _, err := Decode([]byte(in), nil); err == nil {
			t.Errorf("%q: no error", in)
		}
	}
}
