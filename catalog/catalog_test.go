package catalog

import (
	"testing"

	"github.com/warehoused/warehoused/sqlerr"
	"github.com/warehoused/warehoused/types"
)

func TestCatalogVersions(t *testing.T) {
	c0 := New()
	c1 := c0.Clone()
	tab, err := c1.AddTable(&Table{Schema: PublicSchema, Name: "t", Columns: []Column{{Name: "a", Type: types.Int32Type}}})
	if err != nil {
		t.Fatal(err)
	}
	if c0.Find(PublicSchema, "t") != nil {
		t.Fatal("old version sees the new table")
	}
	if got, err := c1.Lookup("", "t", []string{"public"}); err != nil || got.ID != tab.ID {
		t.Fatalf("lookup: %v %v", got, err)
	}
	if _, err := c1.AddTable(&Table{Schema: PublicSchema, Name: "t"}); sqlerr.CodeOf(err) != sqlerr.DuplicateTable {
		t.Fatalf("duplicate: %v", err)
	}
	if _, err := c1.AddTable(&Table{Schema: PublicSchema, Name: "u", Columns: []Column{{Name: "a"}, {Name: "a"}}}); sqlerr.CodeOf(err) != sqlerr.DuplicateColumn {
		t.Fatalf("duplicate column: %v", err)
	}
	if _, err := c1.Lookup("", "nope", []string{"public"}); sqlerr.CodeOf(err) != sqlerr.UndefinedTable {
		t.Fatalf("missing: %v", err)
	}
	if _, err := c1.Lookup("nope", "t", nil); sqlerr.CodeOf(err) != sqlerr.UndefinedSchema {
		t.Fatalf("missing schema: %v", err)
	}
	if err := c1.CreateSchema("s", "me"); err != nil {
		t.Fatal(err)
	}
	if err := c1.CreateSchema("s", "me"); sqlerr.CodeOf(err) != sqlerr.DuplicateSchema {
		t.Fatalf("duplicate schema: %v", err)
	}
	renamed := *tab
	renamed.Name = "t2"
	if err := c1.ReplaceTable(&renamed); err != nil {
		t.Fatal(err)
	}
	if c1.Find(PublicSchema, "t") != nil || c1.Find(PublicSchema, "t2") == nil {
		t.Fatal("rename")
	}
	ids, err := c1.DropSchema(PublicSchema, true)
	if err != nil || len(ids) != 1 {
		t.Fatalf("drop schema: %v %v", ids, err)
	}
	if _, err := c1.DropSchema(PgCatalog, true); err == nil {
		t.Fatal("dropped pg_catalog")
	}
}
