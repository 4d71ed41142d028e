package warehoused

import (
	"context"
	"regexp"
	"strings"

	"github.com/warehoused/warehoused/catalog"
	"github.com/warehoused/warehoused/sql/ast"
	"github.com/warehoused/warehoused/sqlerr"
	"github.com/warehoused/warehoused/types"
	"github.com/warehoused/warehoused/vector"
)

// resolve looks a relation up in the transaction's working catalog.
func (c *Conn) resolve(tn *ast.TableName) (*catalog.Table, error) {
	return c.tx.work.cat.Lookup(tn.Schema, tn.Name, c.searchPath())
}

// targetTable resolves the table a DML statement or COPY changes.
func (c *Conn) targetTable(tn *ast.TableName) (*catalog.Table, error) {
	t, err := c.resolve(tn)
	if err != nil {
		if tn.Schema != "" && sqlerr.CodeOf(err) == sqlerr.UndefinedSchema {
			// As PostgreSQL: a qualified name in a missing schema is a
			// missing relation.
			return nil, sqlerr.Newf(sqlerr.UndefinedTable, "relation \"%s.%s\" does not exist", tn.Schema, tn.Name)
		}
		return nil, err
	}
	if t.Kind != catalog.KindTable {
		return nil, sqlerr.Newf(sqlerr.WrongObjectType, "cannot change relation \"%s\": it is not a table", t.Name)
	}
	if d := c.tx.work.data[t.ID]; d != nil {
		cp := *t
		cp.RowCount = d.tab.Rows()
		return &cp, nil
	}
	return t, nil
}

func mapDist(d ast.DistStyle, key string) catalog.DistStyle {
	switch d {
	case ast.DistEven:
		return catalog.DistEven
	case ast.DistKey:
		return catalog.DistKey
	case ast.DistAll:
		return catalog.DistAll
	case ast.DistUnspecified:
		if key != "" {
			return catalog.DistKey
		}
	}
	return catalog.DistAuto
}

func (c *Conn) newTableData(t *catalog.Table) *tableData { return c.db.emptyTableData(t) }

// distKeyOf returns the column ordinal rows hash on, -1 for round-robin.
func distKeyOf(t *catalog.Table) int {
	if t.DistStyle == catalog.DistKey {
		return t.DistKey
	}
	return -1
}

func (c *Conn) createTable(ctx context.Context, s *ast.CreateTableStmt, text string, args []any) (*Rows, error) {
	cat := c.tx.work.cat
	schema, err := cat.CreationSchema(s.Table.Schema, c.searchPath())
	if err != nil {
		return nil, err
	}
	if s.Temp {
		schema = c.tempSchema()
		if _, ok := cat.Schema(schema); !ok {
			c.tx.catalogForWrite().CreateTempSchema(schema, c.db.cfg.User)
			cat = c.tx.work.cat
		}
	}
	if cat.Find(schema, s.Table.Name) != nil && s.IfNotExists {
		c.notice(SeverityNotice, sqlerr.DuplicateTable, "relation \"%s\" already exists, skipping", s.Table.Name)
		return emptyRows("CREATE TABLE"), nil
	}
	t := &catalog.Table{Schema: schema, Name: s.Table.Name, Kind: catalog.KindTable, DistKey: -1, Backup: true,
		Temp: s.Temp, Owner: c.db.cfg.User, RowCount: -1}
	if s.Backup != nil {
		t.Backup = *s.Backup
	}
	var asRows *Rows
	switch {
	case s.Like != nil:
		src, err := c.resolve(s.Like)
		if err != nil {
			return nil, err
		}
		t.Columns = append([]catalog.Column(nil), src.Columns...)
		t.DistStyle, t.DistKey, t.SortStyle, t.SortKey = src.DistStyle, src.DistKey, src.SortStyle, src.SortKey
	case s.AsQuery != nil:
		rows, err := c.query(ctx, s.AsQuery, args)
		if err != nil {
			return nil, err
		}
		asRows = rows
		defer rows.Close()
		for i, col := range rows.Columns() {
			name := col.Name
			if i < len(s.AsColumns) {
				name = s.AsColumns[i]
			}
			ct := col.Type
			if ct.ID == types.Unknown {
				ct = types.VarcharOf(256)
			}
			t.Columns = append(t.Columns, catalog.Column{Name: name, Type: ct})
		}
	default:
		for _, cd := range s.Columns {
			col, err := columnFromDef(cd)
			if err != nil {
				return nil, err
			}
			t.Columns = append(t.Columns, col)
			if cd.DistKey {
				t.DistKey = len(t.Columns) - 1
				if s.DistStyle == ast.DistUnspecified {
					t.DistStyle = catalog.DistKey
				}
			}
			if cd.SortKey {
				t.SortKey = append(t.SortKey, len(t.Columns)-1)
			}
		}
		for _, tc := range s.Constraints {
			if tc.Kind != "primary key" {
				continue
			}
			for _, name := range tc.Columns {
				for i := range t.Columns {
					if t.Columns[i].Name == name {
						t.Columns[i].NotNull = true
					}
				}
			}
		}
	}
	if s.DistStyle != ast.DistUnspecified || s.DistKey != "" {
		t.DistStyle = mapDist(s.DistStyle, s.DistKey)
	}
	if s.DistKey != "" {
		i := t.ColumnIndex(s.DistKey)
		if i < 0 {
			return nil, sqlerr.Newf(sqlerr.UndefinedColumn, "column \"%s\" named in DISTKEY does not exist", s.DistKey)
		}
		t.DistKey = i
		t.DistStyle = catalog.DistKey
	}
	if t.DistStyle == catalog.DistKey && t.DistKey < 0 {
		return nil, sqlerr.Newf(sqlerr.InvalidTableDefinition, "DISTSTYLE KEY requires a DISTKEY column")
	}
	if len(s.SortKey) > 0 || s.SortStyle == ast.SortInterleaved {
		keys := s.SortKey
		if len(keys) == 0 {
			keys = columnNames(t.SortKey, t) // column-level SORTKEY attributes
		}
		if err := setSortKey(t, keys, s.SortStyle); err != nil {
			return nil, err
		}
	}
	if len(t.Columns) == 0 {
		return nil, sqlerr.Newf(sqlerr.InvalidTableDefinition, "tables must have at least one column")
	}
	added, err := c.tx.catalogForWrite().AddTable(t)
	if err != nil {
		return nil, err
	}
	if added, err = c.installConstraints(added, createConstraintDefs(s)); err != nil {
		return nil, err
	}
	d := c.newTableData(added)
	if asRows != nil {
		w, err := d.tab.Writer(ctx)
		if err != nil {
			return nil, err
		}
		defer w.Abort()
		for {
			b, err := asRows.NextBatch()
			if err != nil {
				return nil, err
			}
			if b == nil {
				break
			}
			if err := w.Append(ctx, retype(b, added)); err != nil {
				return nil, err
			}
		}
		tab, err := w.Finish(ctx)
		if err != nil {
			return nil, err
		}
		d = d.replaced(tab, d.next, 0)
	}
	c.tx.setData(added.ID, d)
	if asRows != nil {
		r := emptyRows("SELECT " + itoa(d.tab.Rows()))
		r.affected = d.tab.Rows()
		return r, nil
	}
	return emptyRows("CREATE TABLE"), nil
}

// retype gives a batch the table's column types (same physical kinds).
func retype(b *vector.Batch, t *catalog.Table) *vector.Batch {
	out := &vector.Batch{Cols: make([]*vector.Vector, len(b.Cols)), N: b.N}
	for i, v := range b.Cols {
		if i < len(t.Columns) && v.Type != t.Columns[i].Type {
			if v.Type.Physical() != t.Columns[i].Type.Physical() {
				// An untyped NULL column: make an all-NULL vector of the right type.
				nv := vector.New(t.Columns[i].Type, b.N)
				for r := 0; r < b.N; r++ {
					nv.SetNull(r)
				}
				out.Cols[i] = nv
				continue
			}
			cp := *v
			cp.Type = t.Columns[i].Type
			v = &cp
		}
		out.Cols[i] = v
	}
	return out
}

func columnFromDef(cd *ast.ColumnDef) (catalog.Column, error) {
	col := catalog.Column{Name: cd.Name, NotNull: cd.NotNull || cd.PrimaryKey, Encode: cd.Encode}
	if cd.Type == nil {
		return col, sqlerr.Newf(sqlerr.SyntaxError, "column \"%s\" has no type", cd.Name)
	}
	col.Type = cd.Type.Type
	if err := checkEncode(&col); err != nil {
		return col, err
	}
	if cd.Default != nil {
		col.DefaultSQL = exprSQL(cd.Default)
	}
	if cd.Identity != nil {
		if !col.Type.IsInteger() {
			return col, sqlerr.Newf(sqlerr.InvalidTableDefinition, "IDENTITY column \"%s\" must be of type SMALLINT, INTEGER or BIGINT", cd.Name)
		}
		step := cd.Identity.Step
		if step == 0 {
			step = 1
		}
		col.Identity = &catalog.Identity{Seed: cd.Identity.Seed, Step: step}
		col.NotNull = true
	}
	return col, nil
}

var viewAsRE = regexp.MustCompile(`(?is)\bAS\s*(\(|SELECT\b|WITH\b|VALUES\b)`)

func (c *Conn) createView(s *ast.CreateViewStmt, text string) (*Rows, error) {
	cat := c.tx.work.cat
	schema, err := cat.CreationSchema(s.View.Schema, c.searchPath())
	if err != nil {
		return nil, err
	}
	body := s.Text
	if body == "" {
		if loc := viewAsRE.FindStringSubmatchIndex(text); loc != nil {
			body = strings.TrimSpace(text[loc[2]:])
			body = strings.TrimSuffix(body, ";")
		}
	}
	if i := strings.Index(strings.ToLower(body), "with no schema binding"); i >= 0 && s.NoSchemaBinding {
		body = strings.TrimSpace(body[:i])
	}
	v := &catalog.Table{Schema: schema, Name: s.View.Name, Kind: catalog.KindView, DistKey: -1, ViewSQL: body, Owner: c.db.cfg.User, RowCount: -1}
	n, err := c.binder().BindSelect(s.Query)
	if err != nil && !s.NoSchemaBinding {
		return nil, err
	}
	if err == nil {
		for i, col := range n.Schema() {
			name := col.Name
			if i < len(s.Columns) {
				name = s.Columns[i]
			}
			ct := col.Type
			if ct.ID == types.Unknown {
				ct = types.TextType
			}
			v.Columns = append(v.Columns, catalog.Column{Name: name, Type: ct})
		}
	}
	if old := cat.Find(schema, s.View.Name); old != nil {
		if !s.OrReplace {
			return nil, sqlerr.Newf(sqlerr.DuplicateTable, "relation \"%s\" already exists", s.View.Name)
		}
		if old.Kind != catalog.KindView {
			return nil, sqlerr.Newf(sqlerr.WrongObjectType, "\"%s\" is not a view", s.View.Name)
		}
		v.ID = old.ID
		v.Comment = old.Comment
		deps := c.viewDeps(n, s.Query)
		if err := c.tx.catalogForWrite().ReplaceTable(v); err != nil {
			return nil, err
		}
		c.tx.catalogForWrite().SetDeps(v.ID, deps)
		return emptyRows("CREATE VIEW"), nil
	}
	deps := c.viewDeps(n, s.Query)
	added, err := c.tx.catalogForWrite().AddTable(v)
	if err != nil {
		return nil, err
	}
	c.tx.catalogForWrite().SetDeps(added.ID, deps)
	return emptyRows("CREATE VIEW"), nil
}

func (c *Conn) createSchema(s *ast.CreateSchemaStmt) (*Rows, error) {
	if _, ok := c.tx.work.cat.Schema(s.Name); ok && s.IfNotExists {
		c.notice(SeverityNotice, sqlerr.DuplicateSchema, "schema \"%s\" already exists, skipping", s.Name)
		return emptyRows("CREATE SCHEMA"), nil
	}
	if err := c.tx.catalogForWrite().CreateSchema(s.Name, c.db.cfg.User); err != nil {
		return nil, err
	}
	return emptyRows("CREATE SCHEMA"), nil
}

func (c *Conn) drop(s *ast.DropStmt) (*Rows, error) {
	switch s.Kind {
	case ast.ObjUser:
		return emptyRows("DROP USER"), nil
	case ast.ObjSchema:
		for _, n := range s.Names {
			name := n.Name
			if name == "" {
				name = n.Schema
			}
			if _, ok := c.tx.work.cat.Schema(name); !ok {
				if s.IfExists {
					c.notice(SeverityNotice, sqlerr.SuccessfulCompletion, "schema \"%s\" does not exist, skipping", name)
					continue
				}
				return nil, sqlerr.Newf(sqlerr.UndefinedSchema, "schema \"%s\" does not exist", name)
			}
			ids, err := c.tx.catalogForWrite().DropSchema(name, s.Cascade)
			if err != nil {
				return nil, err
			}
			for _, id := range ids {
				if c.tx.work.data[id] != nil {
					c.tx.setData(id, nil)
				}
			}
		}
		return emptyRows("DROP SCHEMA"), nil
	}
	want, tag, what := catalog.KindTable, "DROP TABLE", "table"
	if s.Kind == ast.ObjView {
		want, tag, what = catalog.KindView, "DROP VIEW", "view"
	}
	for _, n := range s.Names {
		t, err := c.resolve(n)
		if err != nil {
			if s.IfExists && (sqlerr.CodeOf(err) == sqlerr.UndefinedTable || sqlerr.CodeOf(err) == sqlerr.UndefinedSchema) {
				c.notice(SeverityNotice, sqlerr.SuccessfulCompletion, "%s \"%s\" does not exist, skipping", what, n.Name)
				continue
			}
			if sqlerr.CodeOf(err) == sqlerr.UndefinedTable {
				return nil, sqlerr.Newf(sqlerr.UndefinedTable, "%s \"%s\" does not exist", what, n.Name)
			}
			return nil, err
		}
		if t.Kind != want {
			return nil, sqlerr.Newf(sqlerr.WrongObjectType, "\"%s\" is not a %s", t.Name, what).WithHint("Use DROP %s to remove it.", map[catalog.Kind]string{catalog.KindTable: "TABLE", catalog.KindView: "VIEW", catalog.KindSystem: "TABLE"}[t.Kind])
		}
		if t.Schema == catalog.PgCatalog || t.Schema == catalog.InformationSchema {
			return nil, sqlerr.Newf(sqlerr.InsufficientPrivilege, "permission denied: \"%s\" is a system catalog", t.Name)
		}
		views, err := c.checkDependents(t, what, s.Cascade)
		if err != nil {
			return nil, err
		}
		if err := c.checkReferencingKeys(t, s.Names, s.Cascade); err != nil {
			return nil, err
		}
		for _, id := range append(views, t.ID) {
			c.tx.catalogForWrite().DropTable(id)
			if c.tx.work.data[id] != nil {
				c.tx.setData(id, nil)
			}
		}
	}
	return emptyRows(tag), nil
}

func (c *Conn) truncate(s *ast.TruncateStmt) (*Rows, error) {
	for _, n := range s.Tables {
		t, err := c.targetTable(n)
		if err != nil {
			return nil, err
		}
		d := c.tx.work.data[t.ID]
		c.tx.setData(t.ID, d.replaced(d.tab.Truncated(), d.next, d.tab.Rows()))
	}
	return emptyRows("TRUNCATE TABLE"), nil
}

func (c *Conn) comment(s *ast.CommentStmt) (*Rows, error) {
	text := ""
	if s.Text != nil {
		text = *s.Text
	}
	switch s.Kind {
	case "schema":
		if len(s.Object) == 0 {
			return nil, sqlerr.Newf(sqlerr.SyntaxError, "COMMENT ON SCHEMA needs a name")
		}
		if err := c.tx.catalogForWrite().SetSchemaComment(s.Object[len(s.Object)-1], text); err != nil {
			return nil, err
		}
		return emptyRows("COMMENT"), nil
	case "table", "view", "column":
		obj := s.Object
		col := ""
		if s.Kind == "column" {
			if len(obj) < 2 {
				return nil, sqlerr.Newf(sqlerr.SyntaxError, "column name must be qualified")
			}
			col = obj[len(obj)-1]
			obj = obj[:len(obj)-1]
		}
		tn := &ast.TableName{Name: obj[len(obj)-1]}
		if len(obj) > 1 {
			tn.Schema = obj[len(obj)-2]
		}
		t, err := c.resolve(tn)
		if err != nil {
			return nil, err
		}
		cp := *t
		cp.Columns = append([]catalog.Column(nil), t.Columns...)
		if col == "" {
			cp.Comment = text
		} else {
			i := cp.ColumnIndex(col)
			if i < 0 {
				return nil, sqlerr.Newf(sqlerr.UndefinedColumn, "column \"%s\" of relation \"%s\" does not exist", col, t.Name)
			}
			cp.Columns[i].Comment = text
		}
		if err := c.tx.catalogForWrite().ReplaceTable(&cp); err != nil {
			return nil, err
		}
		return emptyRows("COMMENT"), nil
	}
	return nil, sqlerr.Newf(sqlerr.FeatureNotSupported, "COMMENT ON %s is not supported", strings.ToUpper(s.Kind))
}
