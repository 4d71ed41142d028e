package warehoused

import (
	"context"
	"strings"

	"github.com/warehoused/warehoused/catalog"
	"github.com/warehoused/warehoused/sql"
	"github.com/warehoused/warehoused/sql/ast"
	"github.com/warehoused/warehoused/sqlerr"
)

// PRIMARY KEY, UNIQUE and FOREIGN KEY constraints, recorded in the catalog
// and never enforced, as Redshift does; PRIMARY KEY columns are NOT NULL.
// They follow PostgreSQL's rules for names, dependencies and what an ALTER
// or DROP does to them, so clients reading pg_constraint see what they
// would on Redshift.

// createConstraintDefs lists CREATE TABLE's constraints: column-level ones
// in column order, then table-level ones, as PostgreSQL collects them.
func createConstraintDefs(s *ast.CreateTableStmt) []*ast.TableConstraint {
	var defs []*ast.TableConstraint
	for _, cd := range s.Columns {
		defs = append(defs, cd.Constraints...)
	}
	return append(defs, s.Constraints...)
}

// installConstraints adds defs to the just-created table t and installs the
// result; CHECK constraints are accepted and ignored, as before.
func (c *Conn) installConstraints(t *catalog.Table, defs []*ast.TableConstraint) (*catalog.Table, error) {
	var keep []*ast.TableConstraint
	for _, d := range defs {
		if d.Kind != "check" {
			keep = append(keep, d)
		}
	}
	if len(keep) == 0 {
		return t, nil
	}
	cp := *t
	cp.Columns = append([]catalog.Column(nil), t.Columns...)
	if err := c.addConstraints(&cp, keep); err != nil {
		return nil, err
	}
	if err := c.tx.catalogForWrite().ReplaceTable(&cp); err != nil {
		return nil, err
	}
	return &cp, nil
}

// addConstraints appends defs to t.Constraints (t is a private copy):
// keys first, then foreign keys, so a foreign key may reference a key
// declared in the same statement.
func (c *Conn) addConstraints(t *catalog.Table, defs []*ast.TableConstraint) error {
	t.Constraints = append([]catalog.Constraint(nil), t.Constraints...)
	for pass := 0; pass < 2; pass++ {
		for _, d := range defs {
			if (d.Kind == "foreign key") != (pass == 1) {
				continue
			}
			k, err := c.constraintFromDef(t, d)
			if err != nil {
				return err
			}
			t.Constraints = append(t.Constraints, k)
		}
	}
	return nil
}

func constraintKind(kind string) (catalog.ConstraintKind, bool) {
	switch kind {
	case "primary key":
		return catalog.ConstraintPrimaryKey, true
	case "unique":
		return catalog.ConstraintUnique, true
	case "foreign key":
		return catalog.ConstraintForeignKey, true
	}
	return 0, false
}

// constraintFromDef resolves one constraint of t.
func (c *Conn) constraintFromDef(t *catalog.Table, d *ast.TableConstraint) (catalog.Constraint, error) {
	kind, ok := constraintKind(d.Kind)
	if !ok {
		return catalog.Constraint{}, sqlerr.Newf(sqlerr.FeatureNotSupported, "%s constraints are not supported", strings.ToUpper(d.Kind))
	}
	k := catalog.Constraint{Kind: kind, Name: d.Name}
	missing := "column \"%s\" named in key does not exist"
	if kind == catalog.ConstraintForeignKey {
		missing = "column \"%s\" referenced in foreign key constraint does not exist"
	}
	var err error
	if k.Columns, err = columnOrdinals(t, d.Columns, missing, d.Kind); err != nil {
		return k, err
	}
	switch kind {
	case catalog.ConstraintPrimaryKey:
		if t.PrimaryKey() != nil {
			return k, sqlerr.Newf(sqlerr.InvalidTableDefinition, "multiple primary keys for table \"%s\" are not allowed", t.Name)
		}
		for _, i := range k.Columns {
			t.Columns[i].NotNull = true
		}
	case catalog.ConstraintForeignKey:
		if err := c.resolveReference(t, d, &k); err != nil {
			return k, err
		}
	}
	if k.Name == "" {
		k.Name = c.tx.work.cat.ConstraintName(t, kind, k.Columns)
	} else if t.ConstraintIndex(k.Name) >= 0 {
		return k, sqlerr.Newf(sqlerr.DuplicateObject, "constraint \"%s\" for relation \"%s\" already exists", k.Name, t.Name)
	}
	return k, nil
}

// columnOrdinals maps key column names to ordinals of t.
func columnOrdinals(t *catalog.Table, names []string, missing, what string) ([]int, error) {
	out := make([]int, 0, len(names))
	for _, name := range names {
		i := t.ColumnIndex(name)
		if i < 0 {
			return nil, sqlerr.Newf(sqlerr.UndefinedColumn, missing, name)
		}
		for _, j := range out {
			if j == i {
				return nil, sqlerr.Newf(sqlerr.DuplicateColumn, "column \"%s\" appears twice in %s constraint", name, what)
			}
		}
		out = append(out, i)
	}
	return out, nil
}

// resolveReference fills a foreign key's referenced table and columns; with
// no column list they are the referenced table's primary key.
func (c *Conn) resolveReference(t *catalog.Table, d *ast.TableConstraint, k *catalog.Constraint) error {
	if d.References == nil {
		return sqlerr.Newf(sqlerr.InvalidForeignKey, "foreign key constraint has no referenced table")
	}
	ref := t // a self-reference sees the constraints declared so far
	if d.References.Name != t.Name || (d.References.Schema != "" && d.References.Schema != t.Schema) {
		var err error
		if ref, err = c.resolve(d.References); err != nil {
			return err
		}
	} else if found, err := c.resolve(d.References); err == nil && found.ID != t.ID {
		ref = found
	}
	if ref.Kind != catalog.KindTable {
		return sqlerr.Newf(sqlerr.WrongObjectType, "referenced relation \"%s\" is not a table", ref.Name)
	}
	if ref.Temp && !t.Temp {
		return sqlerr.Newf(sqlerr.InvalidTableDefinition, "constraints on permanent tables may reference only permanent tables")
	}
	if len(d.RefColumns) == 0 {
		pk := ref.PrimaryKey()
		if pk == nil {
			return sqlerr.Newf(sqlerr.InvalidForeignKey, "there is no primary key for referenced table \"%s\"", ref.Name)
		}
		k.RefColumns = append([]int(nil), pk.Columns...)
	} else {
		var err error
		if k.RefColumns, err = columnOrdinals(ref, d.RefColumns, "column \"%s\" referenced in foreign key constraint does not exist", "foreign key"); err != nil {
			return err
		}
	}
	if len(k.RefColumns) != len(k.Columns) {
		return sqlerr.Newf(sqlerr.InvalidForeignKey, "number of referencing and referenced columns for foreign key disagree")
	}
	k.RefTable = ref.ID
	return nil
}

// alterAddConstraint runs ALTER TABLE t ADD [CONSTRAINT n] ... on the copy
// cp. A new primary key makes its columns NOT NULL, so rows with NULLs
// there fail it (23502), as in PostgreSQL.
func (c *Conn) alterAddConstraint(ctx context.Context, cp *catalog.Table, d *ast.TableConstraint) error {
	if d == nil {
		return sqlerr.Newf(sqlerr.SyntaxError, "ADD CONSTRAINT needs a constraint")
	}
	cp.Columns = append([]catalog.Column(nil), cp.Columns...)
	before := append([]catalog.Column(nil), cp.Columns...)
	if err := c.addConstraints(cp, []*ast.TableConstraint{d}); err != nil {
		return err
	}
	for i := range cp.Columns {
		if cp.Columns[i].NotNull && !before[i].NotNull {
			n, err := c.countNulls(ctx, cp.Schema, cp.Name, before[i].Name)
			if err != nil {
				return err
			}
			if n > 0 {
				return sqlerr.Newf(sqlerr.NotNullViolation, "column \"%s\" of relation \"%s\" contains null values", before[i].Name, cp.Name)
			}
		}
	}
	return nil
}

// countNulls counts the rows of schema.table whose column is NULL.
func (c *Conn) countNulls(ctx context.Context, schema, table, col string) (int64, error) {
	q := func(s string) string { return "\"" + strings.ReplaceAll(s, "\"", "\"\"") + "\"" }
	stmts, err := sql.Parse("SELECT count(*) FROM " + q(schema) + "." + q(table) + " WHERE " + q(col) + " IS NULL")
	if err != nil {
		return 0, err
	}
	sel, ok := stmts[0].Stmt.(*ast.SelectStmt)
	if !ok {
		return 0, sqlerr.Newf(sqlerr.InternalError, "null check is not a query")
	}
	rows, err := c.query(ctx, sel.Query, nil)
	if err != nil {
		return 0, err
	}
	defer rows.Close()
	var n int64
	if rows.Next() {
		if err := rows.Scan(&n); err != nil {
			return 0, err
		}
	}
	return n, rows.Err()
}

// alterDropConstraint runs ALTER TABLE t DROP CONSTRAINT [IF EXISTS] n
// [CASCADE] on the copy cp. Other tables' foreign keys that reference the
// dropped key's columns need CASCADE, which drops them.
func (c *Conn) alterDropConstraint(cp *catalog.Table, cmd *ast.AlterTableCmd) error {
	i := cp.ConstraintIndex(cmd.Name)
	if i < 0 {
		if cmd.IfExists {
			c.notice(SeverityNotice, sqlerr.SuccessfulCompletion, "constraint \"%s\" of relation \"%s\" does not exist, skipping", cmd.Name, cp.Name)
			return nil
		}
		return sqlerr.Newf(sqlerr.UndefinedObject, "constraint \"%s\" of relation \"%s\" does not exist", cmd.Name, cp.Name)
	}
	k := cp.Constraints[i]
	if k.Kind != catalog.ConstraintForeignKey {
		cat := c.tx.work.cat
		var deps []catalog.ForeignKeyRef
		for _, r := range cat.ReferencingForeignKeys(cp.ID) {
			if sameColumnSet(r.Constraint().RefColumns, k.Columns) {
				deps = append(deps, r)
			}
		}
		if len(deps) > 0 && !cmd.Cascade {
			return sqlerr.Newf(sqlerr.DependentObjectsStillExist, "cannot drop constraint %s on table %s because other objects depend on it", k.Name, cp.Name).
				WithDetail("constraint %s on table %s depends on index %s", deps[0].Constraint().Name, deps[0].Table.Name, k.Name).
				WithHint("Use DROP ... CASCADE to drop the dependent objects too.")
		}
		for _, r := range deps {
			name := r.Constraint().Name
			c.tx.catalogForWrite().ReplaceConstraints(r.Table.ID, func(o *catalog.Constraint) bool { return o.Name != name })
		}
	}
	cs := append([]catalog.Constraint(nil), cp.Constraints[:i]...)
	cp.Constraints = append(cs, cp.Constraints[i+1:]...)
	return nil
}

// dropColumnConstraints updates constraints for ALTER TABLE t DROP COLUMN
// (ordinal i) on the copy cp: t's own constraints on the column go; other
// tables' foreign keys referencing it need CASCADE (which drops them), and
// the rest of their referenced ordinals shift down.
func (c *Conn) dropColumnConstraints(cp *catalog.Table, i int, cascade bool) error {
	cat := c.tx.work.cat
	refs := cat.ReferencingForeignKeys(cp.ID)
	if !cascade {
		for _, r := range refs {
			for _, rc := range r.Constraint().RefColumns {
				if rc == i {
					return sqlerr.Newf(sqlerr.DependentObjectsStillExist, "cannot drop column %s of table %s because other objects depend on it", cp.Columns[i].Name, cp.Name).
						WithDetail("constraint %s on table %s depends on column %s of table %s", r.Constraint().Name, r.Table.Name, cp.Columns[i].Name, cp.Name).
						WithHint("Use DROP ... CASCADE to drop the dependent objects too.")
				}
			}
		}
	}
	seen := map[catalog.TableID]bool{}
	for _, r := range refs {
		if seen[r.Table.ID] {
			continue
		}
		seen[r.Table.ID] = true
		id := cp.ID
		c.tx.catalogForWrite().ReplaceConstraints(r.Table.ID, func(k *catalog.Constraint) bool {
			if k.Kind != catalog.ConstraintForeignKey || k.RefTable != id {
				return true
			}
			for _, rc := range k.RefColumns {
				if rc == i {
					return false
				}
			}
			k.ShiftRefColumns(i)
			return true
		})
	}
	cp.Constraints = cp.ConstraintsWithoutColumn(i)
	return nil
}

// checkReferencingKeys refuses DROP TABLE t without CASCADE while other
// tables' foreign keys reference it (tables dropped by the same statement
// excepted); with CASCADE the catalog drops those foreign keys.
func (c *Conn) checkReferencingKeys(t *catalog.Table, names []*ast.TableName, cascade bool) error {
	if cascade {
		return nil
	}
	dropping := map[catalog.TableID]bool{}
	for _, n := range names {
		if o, err := c.resolve(n); err == nil {
			dropping[o.ID] = true
		}
	}
	for _, r := range c.tx.work.cat.ReferencingForeignKeys(t.ID) {
		if dropping[r.Table.ID] {
			continue
		}
		return sqlerr.Newf(sqlerr.DependentObjectsStillExist, "cannot drop table %s because other objects depend on it", t.Name).
			WithDetail("constraint %s on table %s depends on table %s", r.Constraint().Name, r.Table.Name, t.Name).
			WithHint("Use DROP ... CASCADE to drop the dependent objects too.")
	}
	return nil
}

func sameColumnSet(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for _, x := range a {
		found := false
		for _, y := range b {
			if x == y {
				found = true
				break
			}
		}
		if !found {
			return false
		}
	}
	return true
}

// alterAddColumnConstraints adds the column-level constraints of ALTER
// TABLE ADD COLUMN; the column is already in cp and NOT NULL if it is a
// primary key (columnFromDef), so there is nothing to scan.
func (c *Conn) alterAddColumnConstraints(ctx context.Context, cp *catalog.Table, defs []*ast.TableConstraint) error {
	for _, d := range defs {
		if err := c.alterAddConstraint(ctx, cp, d); err != nil {
			return err
		}
	}
	return nil
}
