// Package catalog holds table, view and schema descriptors. Descriptors are
// immutable values: a change makes a new *Table, so a running query keeps the
// version it bound against.
package catalog

import "github.com/warehoused/warehoused/types"

// TableID identifies a table for the lifetime of the database.
type TableID uint64

// Kind says what a relation is.
type Kind uint8

// Relation kinds.
const (
	KindTable  Kind = iota // a user table holding rows in storage
	KindView               // a view: ViewSQL is bound in its place
	KindSystem             // a system table or view whose rows the engine produces
)

// DistStyle is a Redshift distribution style.
type DistStyle uint8

// Distribution styles.
const (
	DistAuto DistStyle = iota
	DistEven
	DistKey
	DistAll
)

func (d DistStyle) String() string {
	return [...]string{"AUTO", "EVEN", "KEY", "ALL"}[d]
}

// SortStyle is COMPOUND or INTERLEAVED.
type SortStyle uint8

// Sort key styles.
const (
	SortCompound SortStyle = iota
	SortInterleaved
)

// Column describes one column of a table.
type Column struct {
	Name       string
	Type       types.T
	NotNull    bool
	DefaultSQL string // DEFAULT expression as SQL text; "" when none
	Encode     string // lower-case encoding name; "" means AUTO
	Identity   *Identity
	Comment    string
}

// Identity is an IDENTITY(seed, step) column.
type Identity struct {
	Seed, Step int64
}

// Table describes a table, view or system relation.
type Table struct {
	ID        TableID
	Schema    string
	Name      string
	Kind      Kind
	Columns   []Column
	DistStyle DistStyle
	DistKey   int // column ordinal, -1 if none
	SortStyle SortStyle
	SortKey   []int // column ordinals, in key order; nil when none
	Backup    bool
	Temp      bool
	Owner     string
	Comment   string

	ViewSQL string // for KindView: the defining query

	// Constraints are the PRIMARY KEY, UNIQUE and FOREIGN KEY constraints,
	// informational as in Redshift (constraint.go).
	Constraints []Constraint `json:",omitempty"`

	// RowCount is the planner's row estimate (exact for in-memory tables, from
	// ANALYZE for stored ones); -1 when unknown.
	RowCount int64
	// Stats is what the last ANALYZE found; nil before the first.
	Stats *TableStats
}

// ColumnIndex returns the ordinal of the named column, or -1.
func (t *Table) ColumnIndex(name string) int {
	for i, c := range t.Columns {
		if c.Name == name {
			return i
		}
	}
	return -1
}

// Schema returns the table's columns as a types.Schema.
func (t *Table) TypesSchema() types.Schema {
	s := make(types.Schema, len(t.Columns))
	for i, c := range t.Columns {
		s[i] = types.Column{Name: c.Name, Type: c.Type, Nullable: !c.NotNull}
	}
	return s
}
