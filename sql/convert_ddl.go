package sql

import (
	"strconv"
	"strings"

	pg_query "github.com/pganalyze/pg_query_go/v6"
	"github.com/warehoused/warehoused/sql/ast"
)

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

func (c *converter) createStmt(s *pg_query.CreateStmt) ast.Stmt {
	if len(s.GetInhRelations()) > 0 || s.GetPartspec() != nil || s.GetPartbound() != nil || s.GetOfTypename() != nil {
		c.unsupported(-1, "CREATE TABLE with INHERITS, PARTITION or OF is not supported")
		return nil
	}
	rel := s.GetRelation()
	st := &ast.CreateTableStmt{
		Table:       c.rangeVar(rel),
		IfNotExists: s.GetIfNotExists(),
		Temp:        rel.GetRelpersistence() == "t",
	}
	for _, e := range s.GetTableElts() {
		switch x := e.GetNode().(type) {
		case *pg_query.Node_ColumnDef:
			if col := c.columnDef(x.ColumnDef); col != nil {
				st.Columns = append(st.Columns, col)
			}
		case *pg_query.Node_Constraint:
			if tc := c.tableConstraint(x.Constraint); tc != nil {
				st.Constraints = append(st.Constraints, tc)
			}
		case *pg_query.Node_TableLikeClause:
			st.Like = c.rangeVar(x.TableLikeClause.GetRelation())
		default:
			c.unsupported(-1, "table element %s is not supported", nodeName(e))
		}
	}
	for _, n := range s.GetConstraints() {
		if tc := c.tableConstraint(n.GetConstraint()); tc != nil {
			st.Constraints = append(st.Constraints, tc)
		}
	}
	return st
}

func (c *converter) columnDef(d *pg_query.ColumnDef) *ast.ColumnDef {
	col := &ast.ColumnDef{Name: d.GetColname(), Type: c.typeName(d.GetTypeName()), NotNull: d.GetIsNotNull(), Loc: c.loc(d.GetLocation())}
	if col.Type == nil {
		return nil
	}
	if d.GetRawDefault() != nil {
		col.Default = c.expr(d.GetRawDefault())
	}
	for _, n := range d.GetConstraints() {
		k := n.GetConstraint()
		if k == nil {
			continue
		}
		switch k.GetContype() {
		case pg_query.ConstrType_CONSTR_NOTNULL:
			col.NotNull = true
		case pg_query.ConstrType_CONSTR_NULL:
			col.Null = true
		case pg_query.ConstrType_CONSTR_DEFAULT:
			col.Default = c.expr(k.GetRawExpr())
		case pg_query.ConstrType_CONSTR_PRIMARY:
			col.PrimaryKey = true
			col.Constraints = append(col.Constraints, &ast.TableConstraint{Kind: "primary key", Name: k.GetConname(), Columns: []string{col.Name}})
		case pg_query.ConstrType_CONSTR_UNIQUE:
			col.Unique = true
			col.Constraints = append(col.Constraints, &ast.TableConstraint{Kind: "unique", Name: k.GetConname(), Columns: []string{col.Name}})
		case pg_query.ConstrType_CONSTR_FOREIGN:
			col.References = c.rangeVar(k.GetPktable())
			col.Constraints = append(col.Constraints, &ast.TableConstraint{Kind: "foreign key", Name: k.GetConname(), Columns: []string{col.Name},
				References: col.References, RefColumns: strs(k.GetPkAttrs())})
		case pg_query.ConstrType_CONSTR_IDENTITY:
			col.Identity = identityFromOptions(k.GetOptions())
		case pg_query.ConstrType_CONSTR_CHECK, pg_query.ConstrType_CONSTR_ATTR_DEFERRABLE,
			pg_query.ConstrType_CONSTR_ATTR_NOT_DEFERRABLE, pg_query.ConstrType_CONSTR_ATTR_DEFERRED,
			pg_query.ConstrType_CONSTR_ATTR_IMMEDIATE:
			// informational only
		default:
			c.unsupported(k.GetLocation(), "column constraint is not supported")
		}
	}
	return col
}

// identityFromOptions reads START WITH / INCREMENT BY of a PostgreSQL
// identity column.
func identityFromOptions(opts []*pg_query.Node) *ast.Identity {
	id := &ast.Identity{Seed: 1, Step: 1}
	for _, o := range opts {
		d := o.GetDefElem()
		v, err := strconv.ParseInt(defString(d.GetArg()), 10, 64)
		if err != nil {
			continue
		}
		switch d.GetDefname() {
		case "start":
			id.Seed = v
		case "increment":
			id.Step = v
		}
	}
	return id
}

func (c *converter) tableConstraint(k *pg_query.Constraint) *ast.TableConstraint {
	if k == nil {
		return nil
	}
	tc := &ast.TableConstraint{Name: k.GetConname()}
	switch k.GetContype() {
	case pg_query.ConstrType_CONSTR_PRIMARY:
		tc.Kind, tc.Columns = "primary key", strs(k.GetKeys())
	case pg_query.ConstrType_CONSTR_UNIQUE:
		tc.Kind, tc.Columns = "unique", strs(k.GetKeys())
	case pg_query.ConstrType_CONSTR_FOREIGN:
		tc.Kind, tc.Columns = "foreign key", strs(k.GetFkAttrs())
		tc.References, tc.RefColumns = c.rangeVar(k.GetPktable()), strs(k.GetPkAttrs())
	case pg_query.ConstrType_CONSTR_CHECK:
		tc.Kind = "check"
	default:
		c.unsupported(k.GetLocation(), "table constraint is not supported")
		return nil
	}
	return tc
}

func (c *converter) createTableAs(s *pg_query.CreateTableAsStmt) ast.Stmt {
	if s.GetObjtype() != pg_query.ObjectType_OBJECT_TABLE {
		c.unsupported(-1, "%s is not supported", c.statementKind())
		return nil
	}
	into := s.GetInto()
	if into.GetSkipData() {
		c.unsupported(-1, "CREATE TABLE AS ... WITH NO DATA is not supported")
		return nil
	}
	q := c.selectNode(s.GetQuery())
	if q == nil {
		return nil
	}
	return &ast.CreateTableStmt{
		Table:       c.rangeVar(into.GetRel()),
		IfNotExists: s.GetIfNotExists(),
		Temp:        into.GetRel().GetRelpersistence() == "t",
		AsQuery:     q,
		AsColumns:   strs(into.GetColNames()),
	}
}

func (c *converter) viewStmt(s *pg_query.ViewStmt) ast.Stmt {
	if s.GetView().GetRelpersistence() == "t" {
		c.unsupported(-1, "CREATE TEMP VIEW is not supported")
		return nil
	}
	q := c.selectNode(s.GetQuery())
	if q == nil {
		return nil
	}
	return &ast.CreateViewStmt{
		View:      c.rangeVar(s.GetView()),
		Columns:   strs(s.GetAliases()),
		Query:     q,
		OrReplace: s.GetReplace(),
		Text:      c.viewText(),
	}
}

// viewText is the text after the first top-level AS following VIEW.
func (c *converter) viewText() string {
	seenView, depth := false, 0
	for i, t := range c.toks {
		switch {
		case t.IsPunct('('):
			depth++
		case t.IsPunct(')'):
			depth--
		case t.Is("view"):
			seenView = true
		case seenView && depth == 0 && t.Is("as") && i+1 < len(c.toks):
			start := c.toks[i+1].Start
			if start <= len(c.text) {
				return strings.TrimSpace(c.text[start:])
			}
		}
	}
	return ""
}

func (c *converter) createSchema(s *pg_query.CreateSchemaStmt) ast.Stmt {
	if len(s.GetSchemaElts()) > 0 {
		c.unsupported(-1, "CREATE SCHEMA with schema elements is not supported")
		return nil
	}
	name := s.GetSchemaname()
	if name == "" {
		name = s.GetAuthrole().GetRolename()
	}
	return &ast.CreateSchemaStmt{Name: name, IfNotExists: s.GetIfNotExists()}
}

func (c *converter) dropStmt(s *pg_query.DropStmt) ast.Stmt {
	st := &ast.DropStmt{IfExists: s.GetMissingOk(), Cascade: s.GetBehavior() == pg_query.DropBehavior_DROP_CASCADE}
	switch s.GetRemoveType() {
	case pg_query.ObjectType_OBJECT_TABLE:
		st.Kind = ast.ObjTable
	case pg_query.ObjectType_OBJECT_VIEW:
		st.Kind = ast.ObjView
	case pg_query.ObjectType_OBJECT_SCHEMA:
		st.Kind = ast.ObjSchema
	default:
		c.unsupported(-1, "%s is not supported", c.statementKind())
		return nil
	}
	for _, o := range s.GetObjects() {
		var parts []string
		if l := o.GetList(); l != nil {
			parts = strs(l.GetItems())
		} else {
			parts = []string{str(o)}
		}
		st.Names = append(st.Names, qualified(parts))
	}
	return st
}

// qualified builds a TableName from [db.][schema.]name parts.
func qualified(parts []string) *ast.TableName {
	tn := &ast.TableName{Loc: -1}
	switch n := len(parts); {
	case n == 0:
	case n == 1:
		tn.Name = parts[0]
	default:
		tn.Schema, tn.Name = parts[n-2], parts[n-1]
	}
	return tn
}

func (c *converter) dropRole(s *pg_query.DropRoleStmt) ast.Stmt {
	st := &ast.DropUserStmt{IfExists: s.GetMissingOk()}
	for _, r := range s.GetRoles() {
		st.Names = append(st.Names, r.GetRoleSpec().GetRolename())
	}
	return st
}

func (c *converter) truncateStmt(s *pg_query.TruncateStmt) ast.Stmt {
	st := &ast.TruncateStmt{}
	for _, r := range s.GetRelations() {
		if rv := r.GetRangeVar(); rv != nil {
			st.Tables = append(st.Tables, c.rangeVar(rv))
		}
	}
	return st
}

func (c *converter) commentStmt(s *pg_query.CommentStmt) ast.Stmt {
	st := &ast.CommentStmt{}
	switch s.GetObjtype() {
	case pg_query.ObjectType_OBJECT_TABLE:
		st.Kind = "table"
	case pg_query.ObjectType_OBJECT_COLUMN:
		st.Kind = "column"
	case pg_query.ObjectType_OBJECT_VIEW:
		st.Kind = "view"
	case pg_query.ObjectType_OBJECT_SCHEMA:
		st.Kind = "schema"
	default:
		c.unsupported(-1, "COMMENT ON this kind of object is not supported")
		return nil
	}
	if l := s.GetObject().GetList(); l != nil {
		st.Object = strs(l.GetItems())
	} else {
		st.Object = []string{str(s.GetObject())}
	}
	// The protobuf cannot tell IS NULL from IS '': look at the last token.
	if n := len(c.toks); !(n > 0 && c.toks[n-1].Is("null")) {
		text := s.GetComment()
		st.Text = &text
	}
	return st
}
