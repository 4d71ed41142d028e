package catalog

import (
	"sort"
	"strconv"
	"strings"
)

// ConstraintKind is a constraint's kind, as pg_constraint.contype spells it.
type ConstraintKind byte

// The constraint kinds Redshift records. None is enforced; they inform the
// planner and clients (pgjdbc getPrimaryKeys, SQLAlchemy reflection, BI
// tools' join discovery). Only PRIMARY KEY has an effect: its columns are
// NOT NULL.
const (
	ConstraintPrimaryKey ConstraintKind = 'p'
	ConstraintUnique     ConstraintKind = 'u'
	ConstraintForeignKey ConstraintKind = 'f'
)

// Constraint is a PRIMARY KEY, UNIQUE or FOREIGN KEY constraint of a table.
type Constraint struct {
	Name       string         // unique within the table; PostgreSQL's defaults t_pkey, t_a_b_key, t_a_fkey
	Kind       ConstraintKind // 'p', 'u' or 'f'
	Columns    []int          // 0-based ordinals in Table.Columns, in key order
	RefTable   TableID        // foreign keys: the referenced table; 0 otherwise
	RefColumns []int          // foreign keys: 0-based ordinals in RefTable's columns, paired with Columns
}

// suffix is the ending PostgreSQL gives a default constraint name.
func (k ConstraintKind) suffix() string {
	switch k {
	case ConstraintPrimaryKey:
		return "pkey"
	case ConstraintUnique:
		return "key"
	}
	return "fkey"
}

// ConstraintIndex returns the position in t.Constraints of the named
// constraint, or -1.
func (t *Table) ConstraintIndex(name string) int {
	for i := range t.Constraints {
		if t.Constraints[i].Name == name {
			return i
		}
	}
	return -1
}

// PrimaryKey returns the table's primary key constraint, or nil.
func (t *Table) PrimaryKey() *Constraint {
	for i := range t.Constraints {
		if t.Constraints[i].Kind == ConstraintPrimaryKey {
			return &t.Constraints[i]
		}
	}
	return nil
}

// ConstraintName chooses PostgreSQL's default name for a new constraint of
// t: table_pkey, or table_col1_col2_key / _fkey, with a number appended
// when the name is taken. PostgreSQL's primary and unique keys are indexes,
// whose names share the schema's relation namespace, so the name must not
// be a relation of the schema or another constraint there either.
func (c *Catalog) ConstraintName(t *Table, kind ConstraintKind, cols []int) string {
	parts := []string{t.Name}
	if kind != ConstraintPrimaryKey {
		for _, i := range cols {
			if i >= 0 && i < len(t.Columns) {
				parts = append(parts, t.Columns[i].Name)
			}
		}
	}
	base := strings.Join(parts, "_")
	taken := func(name string) bool {
		if t.ConstraintIndex(name) >= 0 || c.Find(t.Schema, name) != nil {
			return true
		}
		for _, id := range c.names[t.Schema] {
			if o := c.tables[id]; o != nil && o.ID != t.ID && o.ConstraintIndex(name) >= 0 {
				return true
			}
		}
		return false
	}
	name := base + "_" + kind.suffix()
	for n := 1; taken(name); n++ {
		name = base + "_" + kind.suffix() + strconv.Itoa(n)
	}
	return name
}

// ForeignKeyRef is a foreign key of Table (Constraints[Index]).
type ForeignKeyRef struct {
	Table *Table
	Index int
}

// Constraint returns the referenced constraint.
func (r ForeignKeyRef) Constraint() *Constraint { return &r.Table.Constraints[r.Index] }

// ReferencingForeignKeys returns the foreign keys of other tables that
// reference table id, in table id then constraint order.
func (c *Catalog) ReferencingForeignKeys(id TableID) []ForeignKeyRef {
	var out []ForeignKeyRef
	for tid, t := range c.tables {
		if tid == id {
			continue
		}
		for i, k := range t.Constraints {
			if k.Kind == ConstraintForeignKey && k.RefTable == id {
				out = append(out, ForeignKeyRef{Table: t, Index: i})
			}
		}
	}
	sort.Slice(out, func(a, b int) bool {
		if out[a].Table.ID != out[b].Table.ID {
			return out[a].Table.ID < out[b].Table.ID
		}
		return out[a].Index < out[b].Index
	})
	return out
}

// ReplaceConstraints installs a copy of table id whose constraint list is
// keep(constraint) for each constraint kept (returning false drops it; the
// function may rewrite the constraint it is given). Tables are immutable
// once installed, so this clones the descriptor and the list.
func (c *Catalog) ReplaceConstraints(id TableID, keep func(*Constraint) bool) {
	t := c.tables[id]
	if t == nil {
		return
	}
	cp := *t
	cp.Constraints = nil
	for _, k := range t.Constraints {
		k.Columns = append([]int(nil), k.Columns...)
		k.RefColumns = append([]int(nil), k.RefColumns...)
		if keep(&k) {
			cp.Constraints = append(cp.Constraints, k)
		}
	}
	c.tables[id] = &cp
}

// dropForeignKeysTo removes every other table's foreign keys that reference
// the dropped tables, as DROP ... CASCADE does in PostgreSQL (callers
// refuse the drop without CASCADE before getting here).
func (c *Catalog) dropForeignKeysTo(dropped map[TableID]bool) {
	for id, t := range c.tables {
		hit := false
		for _, k := range t.Constraints {
			if k.Kind == ConstraintForeignKey && dropped[k.RefTable] {
				hit = true
				break
			}
		}
		if hit {
			c.ReplaceConstraints(id, func(k *Constraint) bool {
				return k.Kind != ConstraintForeignKey || !dropped[k.RefTable]
			})
		}
	}
}

// ConstraintsWithoutColumn returns t's constraints after column i is
// dropped: those using it go (PostgreSQL drops a table's own constraints on
// a dropped column without CASCADE), ordinals above i move down, and a
// self-referencing foreign key on i goes too.
func (t *Table) ConstraintsWithoutColumn(i int) []Constraint {
	var out []Constraint
	for _, k := range t.Constraints {
		if containsInt(k.Columns, i) || (k.Kind == ConstraintForeignKey && k.RefTable == t.ID && containsInt(k.RefColumns, i)) {
			continue
		}
		k.Columns = shiftDown(k.Columns, i)
		if k.RefTable == t.ID {
			k.RefColumns = shiftDown(k.RefColumns, i)
		} else {
			k.RefColumns = append([]int(nil), k.RefColumns...)
		}
		out = append(out, k)
	}
	return out
}

// ShiftRefColumns rewrites a foreign key's referenced ordinals after column
// i of the referenced table was dropped.
func (k *Constraint) ShiftRefColumns(i int) { k.RefColumns = shiftDown(k.RefColumns, i) }

func shiftDown(cols []int, i int) []int {
	if cols == nil {
		return nil
	}
	out := make([]int, len(cols))
	for j, c := range cols {
		if c > i {
			c--
		}
		out[j] = c
	}
	return out
}

func containsInt(s []int, v int) bool {
	for _, x := range s {
		if x == v {
			return true
		}
	}
	return false
}
