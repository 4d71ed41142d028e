package warehoused

import (
	"context"
	"strconv"

	"github.com/warehoused/warehoused/catalog"
	"github.com/warehoused/warehoused/sql/ast"
	"github.com/warehoused/warehoused/sqlerr"
	"github.com/warehoused/warehoused/storage"
	"github.com/warehoused/warehoused/types"
)

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

func (c *Conn) alterTable(ctx context.Context, s *ast.AlterTableStmt) (*Rows, error) {
	t, err := c.resolve(s.Table)
	if err != nil {
		if s.IfExists && sqlerr.CodeOf(err) == sqlerr.UndefinedTable {
			c.notice(SeverityNotice, sqlerr.SuccessfulCompletion, "relation \"%s\" does not exist, skipping", s.Table.Name)
			return emptyRows("ALTER TABLE"), nil
		}
		return nil, err
	}
	for _, cmd := range s.Cmds {
		if t, err = c.alterOne(ctx, t, cmd); err != nil {
			return nil, err
		}
	}
	return emptyRows("ALTER TABLE"), nil
}

// alterOne applies one ALTER TABLE action and returns the new descriptor.
func (c *Conn) alterOne(ctx context.Context, t *catalog.Table, cmd *ast.AlterTableCmd) (*catalog.Table, error) {
	cp := *t
	cp.Columns = append([]catalog.Column(nil), t.Columns...)
	cp.SortKey = append([]int(nil), t.SortKey...)
	isTable := t.Kind == catalog.KindTable
	switch cmd.Action {
	case "add column":
		if !isTable {
			return nil, sqlerr.Newf(sqlerr.WrongObjectType, "\"%s\" is not a table", t.Name)
		}
		col, err := columnFromDef(cmd.Column)
		if err != nil {
			return nil, err
		}
		if cp.ColumnIndex(col.Name) >= 0 {
			if cmd.IfExists { // ADD COLUMN IF NOT EXISTS
				return t, nil
			}
			return nil, sqlerr.Newf(sqlerr.DuplicateColumn, "column \"%s\" of relation \"%s\" already exists", col.Name, t.Name)
		}
		var fill types.Datum
		if cmd.Column.Default != nil {
			v, err := c.evalConst(ctx, cmd.Column.Default, col.Type)
			if err != nil {
				return nil, err
			}
			fill = v
		}
		d := c.tx.work.data[t.ID]
		if fill == nil && col.NotNull && d.tab.Rows() > 0 {
			return nil, sqlerr.Newf(sqlerr.NotNullViolation, "column \"%s\" of relation \"%s\" contains null values", col.Name, t.Name)
		}
		cp.Columns = append(cp.Columns, col)
		if len(cmd.Column.Constraints) > 0 {
			if err := c.alterAddColumnConstraints(ctx, &cp, cmd.Column.Constraints); err != nil {
				return nil, err
			}
		}
		next := copyNext(d.next)
		if col.Identity != nil {
			next[len(cp.Columns)-1] = col.Identity.Seed
		}
		tab, err := d.tab.AddColumn(ctx, col.Type, c.db.columnEncoding(&cp, len(cp.Columns)-1), fill)
		if err != nil {
			return nil, err
		}
		c.tx.setData(t.ID, d.replaced(tab, next, 0))
	case "drop column":
		i := cp.ColumnIndex(cmd.Name)
		if i < 0 {
			if cmd.IfExists {
				return t, nil
			}
			return nil, sqlerr.Newf(sqlerr.UndefinedColumn, "column \"%s\" of relation \"%s\" does not exist", cmd.Name, t.Name)
		}
		if len(cp.Columns) == 1 {
			return nil, sqlerr.Newf(sqlerr.FeatureNotSupported, "cannot drop the last column of table \"%s\"", t.Name)
		}
		if cp.DistStyle == catalog.DistKey && cp.DistKey == i {
			return nil, sqlerr.Newf(sqlerr.FeatureNotSupported, "cannot drop distkey column \"%s\"", cmd.Name)
		}
		if err := c.dropColumnConstraints(&cp, i, cmd.Cascade); err != nil {
			return nil, err
		}
		cp.Columns = append(cp.Columns[:i], cp.Columns[i+1:]...)
		if cp.DistKey > i {
			cp.DistKey--
		}
		var sk []int
		for _, k := range cp.SortKey {
			switch {
			case k < i:
				sk = append(sk, k)
			case k > i:
				sk = append(sk, k-1)
			}
		}
		cp.SortKey = sk
		d := c.tx.work.data[t.ID]
		next := map[int]int64{}
		for k, v := range d.next {
			switch {
			case k < i:
				next[k] = v
			case k > i:
				next[k-1] = v
			}
		}
		tab, err := d.tab.DropColumn(ctx, i)
		if err != nil {
			return nil, err
		}
		c.tx.setData(t.ID, d.replaced(tab, next, 0))
	case "rename column":
		i := cp.ColumnIndex(cmd.Name)
		if i < 0 {
			return nil, sqlerr.Newf(sqlerr.UndefinedColumn, "column \"%s\" does not exist", cmd.Name)
		}
		if cp.ColumnIndex(cmd.NewName) >= 0 {
			return nil, sqlerr.Newf(sqlerr.DuplicateColumn, "column \"%s\" of relation \"%s\" already exists", cmd.NewName, t.Name)
		}
		cp.Columns[i].Name = cmd.NewName
	case "rename table":
		name := cmd.NewName
		if name == "" {
			name = cmd.Name
		}
		cp.Name = name
	case "alter diststyle":
		cp.DistStyle = mapDist(cmd.DistStyle, cmd.DistKey)
		if cmd.DistKey != "" {
			i := cp.ColumnIndex(cmd.DistKey)
			if i < 0 {
				return nil, sqlerr.Newf(sqlerr.UndefinedColumn, "column \"%s\" does not exist", cmd.DistKey)
			}
			cp.DistKey, cp.DistStyle = i, catalog.DistKey
		}
		if err := c.redistribute(ctx, t, &cp); err != nil {
			return nil, err
		}
	case "alter sortkey":
		if err := setSortKey(&cp, cmd.SortKey, cmd.SortStyle); err != nil {
			return nil, err
		}
	case "owner to":
		cp.Owner = cmd.Name
	case "add constraint":
		if err := c.alterAddConstraint(ctx, &cp, cmd.Constraint); err != nil {
			return nil, err
		}
	case "drop constraint":
		if err := c.alterDropConstraint(&cp, cmd); err != nil {
			return nil, err
		}
	case "alter column type":
		i := cp.ColumnIndex(cmd.Name)
		if i < 0 {
			return nil, sqlerr.Newf(sqlerr.UndefinedColumn, "column \"%s\" does not exist", cmd.Name)
		}
		if cmd.Column == nil || cmd.Column.Type == nil {
			return nil, sqlerr.Newf(sqlerr.SyntaxError, "ALTER COLUMN TYPE needs a type")
		}
		nt := cmd.Column.Type.Type
		old := cp.Columns[i].Type
		if old.ID != types.Varchar || nt.ID != types.Varchar || (nt.Width != 0 && nt.Width < old.Width) || (old.Width == 0 && nt.Width != 0) {
			return nil, sqlerr.Newf(sqlerr.FeatureNotSupported, "only increasing the size of a VARCHAR column is supported")
		}
		cp.Columns[i].Type = nt
	default:
		return nil, sqlerr.Newf(sqlerr.FeatureNotSupported, "ALTER TABLE %s is not supported", cmd.Action)
	}
	if err := c.tx.catalogForWrite().ReplaceTable(&cp); err != nil {
		return nil, err
	}
	if err := c.syncLayout(&cp); err != nil {
		return nil, err
	}
	return &cp, nil
}

// syncLayout tells a stored table its new column names, types, encodings and
// sort key after an ALTER, so later writes and error messages follow them.
// A new sort key leaves the table unsorted until VACUUM, as in Redshift.
func (c *Conn) syncLayout(t *catalog.Table) error {
	d := c.tx.work.data[t.ID]
	if d == nil {
		return nil
	}
	ct, ok := d.tab.(*storage.ColTable)
	if !ok {
		return nil
	}
	nt, err := ct.WithLayout(c.db.layout(t))
	if err != nil {
		return err
	}
	c.tx.setData(t.ID, d.replaced(nt, d.next, 0))
	return nil
}

func copyNext(m map[int]int64) map[int]int64 {
	out := make(map[int]int64, len(m)+1)
	for k, v := range m {
		out[k] = v
	}
	return out
}

// evalConst evaluates a constant expression as type t.
func (c *Conn) evalConst(ctx context.Context, e ast.Expr, t types.T) (types.Datum, error) {
	sel := &ast.Select{Targets: []*ast.Target{{Expr: &ast.CastExpr{Arg: e, Type: &ast.TypeName{Type: t}}}}}
	rows, err := c.query(ctx, sel, nil)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	if !rows.Next() {
		if err := rows.Err(); err != nil {
			return nil, err
		}
		return nil, nil
	}
	return rows.Values()[0], nil
}

// Redshift's limits on sort key columns.
const (
	maxCompoundSortKey    = 400
	maxInterleavedSortKey = 8
)

// setSortKey sets t's sort key to the named columns in the given style.
func setSortKey(t *catalog.Table, names []string, style ast.SortStyle) error {
	limit, st := maxCompoundSortKey, catalog.SortCompound
	if style == ast.SortInterleaved {
		limit, st = maxInterleavedSortKey, catalog.SortInterleaved
	}
	if len(names) > limit {
		return sqlerr.Newf(sqlerr.Code("54011"), "a sort key can have at most %d columns in this style, %d given", limit, len(names))
	}
	t.SortKey = make([]int, 0, len(names))
	for _, name := range names {
		i := t.ColumnIndex(name)
		if i < 0 {
			return sqlerr.Newf(sqlerr.UndefinedColumn, "column \"%s\" named in SORTKEY does not exist", name)
		}
		t.SortKey = append(t.SortKey, i)
	}
	if len(t.SortKey) == 0 {
		t.SortKey = nil
	}
	t.SortStyle = st
	return nil
}

// columnNames names the columns at ordinals idx of t.
func columnNames(idx []int, t *catalog.Table) []string {
	out := make([]string, len(idx))
	for i, k := range idx {
		out[i] = t.Columns[k].Name
	}
	return out
}
