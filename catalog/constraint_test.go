package catalog

import (
	"reflect"
	"testing"

	"github.com/warehoused/warehoused/types"
)

func constraintTable(t *testing.T, c *Catalog, name string, cols ...string) *Table {
	t.Helper()
	tab := &Table{Schema: PublicSchema, Name: name, Kind: KindTable, DistKey: -1}
	for _, n := range cols {
		tab.Columns = append(tab.Columns, Column{Name: n, Type: types.Int32Type})
	}
	out, err := c.AddTable(tab)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func TestConstraintName(t *testing.T) {
	c := New()
	tab := constraintTable(t, c, "t", "a", "b")
	constraintTable(t, c, "t_a_key", "x") // a relation already holds the name
	other := constraintTable(t, c, "o", "x")
	cp := *other
	cp.Constraints = []Constraint{{Name: "t_pkey", Kind: ConstraintUnique, Columns: []int{0}}}
	if err := c.ReplaceTable(&cp); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		kind ConstraintKind
		cols []int
		want string
	}{
		{ConstraintPrimaryKey, []int{0}, "t_pkey1"},
		{ConstraintUnique, []int{0}, "t_a_key1"},
		{ConstraintUnique, []int{0, 1}, "t_a_b_key"},
		{ConstraintForeignKey, []int{1}, "t_b_fkey"},
	}
	for _, tc := range tests {
		if got := c.ConstraintName(tab, tc.kind, tc.cols); got != tc.want {
			t.Errorf("%c %v: got %s, want %s", tc.kind, tc.cols, got, tc.want)
		}
	}
}

func TestConstraintsWithoutColumn(t *testing.T) {
	tab := &Table{ID: 7, Constraints: []Constraint{
		{Name: "pk", Kind: ConstraintPrimaryKey, Columns: []int{0, 1}},
		{Name: "u", Kind: ConstraintUnique, Columns: []int{2}},
		{Name: "self", Kind: ConstraintForeignKey, Columns: []int{3}, RefTable: 7, RefColumns: []int{2}},
		{Name: "selfdrop", Kind: ConstraintForeignKey, Columns: []int{3}, RefTable: 7, RefColumns: []int{1}},
		{Name: "other", Kind: ConstraintForeignKey, Columns: []int{2}, RefTable: 9, RefColumns: []int{5}},
	}}
	got := tab.ConstraintsWithoutColumn(1)
	want := []Constraint{
		{Name: "u", Kind: ConstraintUnique, Columns: []int{1}},
		{Name: "self", Kind: ConstraintForeignKey, Columns: []int{2}, RefTable: 7, RefColumns: []int{1}},
		{Name: "other", Kind: ConstraintForeignKey, Columns: []int{1}, RefTable: 9, RefColumns: []int{5}},
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("got %+v\nwant %+v", got, want)
	}
	if tab.Constraints[1].Columns[0] != 2 {
		t.Fatal("the original descriptor changed")
	}
}

func TestDropTableDropsForeignKeys(t *testing.T) {
	c := New()
	u := constraintTable(t, c, "u", "a")
	v := constraintTable(t, c, "v", "a")
	tab := constraintTable(t, c, "t", "x", "y")
	cp := *tab
	cp.Constraints = []Constraint{
		{Name: "t_x_fkey", Kind: ConstraintForeignKey, Columns: []int{0}, RefTable: u.ID, RefColumns: []int{0}},
		{Name: "t_y_fkey", Kind: ConstraintForeignKey, Columns: []int{1}, RefTable: v.ID, RefColumns: []int{0}},
	}
	if err := c.ReplaceTable(&cp); err != nil {
		t.Fatal(err)
	}
	if refs := c.ReferencingForeignKeys(u.ID); len(refs) != 1 || refs[0].Constraint().Name != "t_x_fkey" {
		t.Fatalf("references %+v", refs)
	}
	before := c.Clone()
	c.DropTable(u.ID)
	if got := c.Find(PublicSchema, "t").Constraints; len(got) != 1 || got[0].Name != "t_y_fkey" {
		t.Fatalf("after DROP TABLE u: %+v", got)
	}
	if len(before.Find(PublicSchema, "t").Constraints) != 2 {
		t.Fatal("the clone taken before the drop changed")
	}
}
