package bind

import (
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/warehoused/warehoused/catalog"
	"github.com/warehoused/warehoused/sql"
	"github.com/warehoused/warehoused/sql/ast"
	"github.com/warehoused/warehoused/sqlerr"
	"github.com/warehoused/warehoused/types"
)

// fakeCatalog serves the TPC-H schema plus a few test tables.
type fakeCatalog struct {
	tables map[string]*catalog.Table
}

func (c *fakeCatalog) LookupTable(schema, name string) (*catalog.Table, error) {
	if t, ok := c.tables[name]; ok && (schema == "" || schema == t.Schema) {
		return t, nil
	}
	if schema != "" {
		name = schema + "." + name
	}
	return nil, sqlerr.Newf(sqlerr.UndefinedTable, "relation \"%s\" does not exist", name)
}

func (c *fakeCatalog) ParseSelect(text string) (*ast.Select, error) {
	ps, err := sql.Parse(text)
	if err != nil {
		return nil, err
	}
	return ps[0].Stmt.(*ast.SelectStmt).Query, nil
}

func (c *fakeCatalog) ParseExpr(text string) (ast.Expr, error) { return sql.ParseExpr(text) }

var createRe = regexp.MustCompile(`(?s)CREATE TABLE (\w+) \((.*?)\);`)
var colRe = regexp.MustCompile(`^\s*(\w+)\s+([A-Z]+)(?:\((\d+)(?:,(\d+))?\))?(\s+NOT NULL)?`)

func newFakeCatalog(t testing.TB) *fakeCatalog {
	c := &fakeCatalog{tables: map[string]*catalog.Table{}}
	data, err := os.ReadFile("/work/shared/tpch/schema.sql")
	if err != nil {
		t.Fatalf("schema: %v", err)
	}
	id := catalog.TableID(1)
	for _, m := range createRe.FindAllStringSubmatch(string(data), -1) {
		tab := &catalog.Table{ID: id, Schema: "public", Name: m[1], DistKey: -1, RowCount: -1}
		id++
		for _, line := range strings.Split(m[2], "\n") {
			cm := colRe.FindStringSubmatch(line)
			if cm == nil {
				continue
			}
			var mods []int
			for _, s := range cm[3:5] {
				if s != "" {
					n, _ := strconv.Atoi(s)
					mods = append(mods, n)
				}
			}
			typ, ok := types.FromName(strings.ToLower(cm[2]), mods)
			if !ok {
				t.Fatalf("type %s", cm[2])
			}
			tab.Columns = append(tab.Columns, catalog.Column{Name: cm[1], Type: typ, NotNull: cm[5] != ""})
		}
		c.tables[tab.Name] = tab
	}
	add := func(tab *catalog.Table) {
		tab.ID, tab.DistKey, tab.RowCount = id, -1, -1
		if tab.Schema == "" {
			tab.Schema = "public"
		}
		id++
		c.tables[tab.Name] = tab
	}
	add(&catalog.Table{Name: "t", Columns: []catalog.Column{
		{Name: "a", Type: types.Int32Type, NotNull: true},
		{Name: "b", Type: types.TextType},
		{Name: "c", Type: types.DecimalType(10, 2), DefaultSQL: "1.5"},
		{Name: "d", Type: types.DateType},
		{Name: "v", Type: types.VarcharOf(5)},
	}})
	add(&catalog.Table{Name: "u", Columns: []catalog.Column{
		{Name: "a", Type: types.Int64Type},
		{Name: "x", Type: types.TextType},
	}})
	add(&catalog.Table{Name: "va", Kind: catalog.KindView, ViewSQL: "select a, b as bee from t where a > 1",
		Columns: []catalog.Column{{Name: "a", Type: types.Int32Type}, {Name: "bee", Type: types.TextType}}})
	add(&catalog.Table{Name: "stv_slices", Schema: "pg_catalog", Kind: catalog.KindSystem, Columns: []catalog.Column{
		{Name: "node", Type: types.Int32Type}, {Name: "slice", Type: types.Int32Type}}})
	return c
}

// parseOne parses one statement with the real parser.
func parseOne(t testing.TB, text string) ast.Stmt {
	t.Helper()
	ps, err := sql.Parse(text)
	if err != nil {
		t.Fatalf("parse %q: %v", text, err)
	}
	if len(ps) != 1 {
		t.Fatalf("parse %q: %d statements", text, len(ps))
	}
	return ps[0].Stmt
}
