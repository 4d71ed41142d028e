package ast

import "github.com/warehoused/warehoused/types"

// SelectStmt is a query statement.
type SelectStmt struct {
	Query *Select
}

// InsertStmt is INSERT INTO t [(cols)] {VALUES ... | SELECT ... | DEFAULT VALUES}.
type InsertStmt struct {
	Table         *TableName
	Columns       []string
	Source        *Select // VALUES or a query; nil for DEFAULT VALUES
	DefaultValues bool
	Returning     []*Target
	With          *With
}

// SetClause is one `col = expr` of UPDATE (Value nil means DEFAULT).
type SetClause struct {
	Column string
	Value  Expr
}

// UpdateStmt is UPDATE t [AS a] SET ... [FROM ...] [WHERE ...].
type UpdateStmt struct {
	Table     *TableName
	Set       []*SetClause
	From      []TableExpr
	Where     Expr
	Returning []*Target
	With      *With
}

// DeleteStmt is DELETE FROM t [AS a] [USING ...] [WHERE ...].
type DeleteStmt struct {
	Table     *TableName
	Using     []TableExpr
	Where     Expr
	Returning []*Target
	With      *With
}

// DistStyle is a Redshift distribution style.
type DistStyle uint8

// Distribution styles.
const (
	DistUnspecified DistStyle = iota
	DistAuto
	DistEven
	DistKey
	DistAll
)

// SortStyle is COMPOUND or INTERLEAVED.
type SortStyle uint8

// Sort key styles.
const (
	SortUnspecified SortStyle = iota
	SortCompound
	SortInterleaved
	SortAuto
)

// ColumnDef is one column of CREATE TABLE.
type ColumnDef struct {
	Name       string
	Type       *TypeName
	NotNull    bool
	Null       bool // explicit NULL
	Default    Expr
	PrimaryKey bool
	Unique     bool
	References *TableName // informational only
	Encode     string     // "" when not given; lower-case: raw, az64, bytedict, delta, ..., auto
	DistKey    bool       // column-level DISTKEY
	SortKey    bool       // column-level SORTKEY
	Identity   *Identity  // IDENTITY(seed, step) / GENERATED ... AS IDENTITY
	Loc        int

	// Constraints repeats PrimaryKey, Unique and References as constraints
	// on this one column, with their names (CONSTRAINT n) and referenced columns.
	Constraints []*TableConstraint
}

// Identity is an IDENTITY(seed, step) column attribute.
type Identity struct {
	Seed, Step int64
}

// TableConstraint is a table-level PRIMARY KEY, UNIQUE or FOREIGN KEY
// (informational in Redshift).
type TableConstraint struct {
	Kind       string // "primary key", "unique", "foreign key", "check"
	Name       string
	Columns    []string
	References *TableName
	RefColumns []string
}

// CreateTableStmt is CREATE [TEMP] TABLE, with Redshift attributes, or CREATE TABLE AS.
type CreateTableStmt struct {
	Table       *TableName
	IfNotExists bool
	Temp        bool
	Columns     []*ColumnDef
	Constraints []*TableConstraint
	Like        *TableName // CREATE TABLE t (LIKE other)
	AsQuery     *Select    // CREATE TABLE t AS SELECT ...
	AsColumns   []string   // CREATE TABLE t (a, b) AS ...

	DistStyle DistStyle
	DistKey   string // table-level DISTKEY(col)
	SortStyle SortStyle
	SortKey   []string // table-level [COMPOUND|INTERLEAVED] SORTKEY(cols)
	Backup    *bool    // BACKUP YES|NO; nil when not given
	EncodeAll string   // ENCODE AUTO at table level
}

// CreateViewStmt is CREATE [OR REPLACE] VIEW.
type CreateViewStmt struct {
	View            *TableName
	Columns         []string
	Query           *Select
	OrReplace       bool
	Text            string // the query text as written, for pg_views and \d+
	NoSchemaBinding bool   // WITH NO SCHEMA BINDING (Redshift late-binding view)
}

// CreateSchemaStmt is CREATE SCHEMA [IF NOT EXISTS] name.
type CreateSchemaStmt struct {
	Name        string
	IfNotExists bool
}

// ObjectKind is what DROP drops.
type ObjectKind uint8

// Droppable objects.
const (
	ObjTable ObjectKind = iota
	ObjView
	ObjSchema
	ObjUser
)

// DropStmt is DROP TABLE|VIEW|SCHEMA [IF EXISTS] names [CASCADE|RESTRICT].
type DropStmt struct {
	Kind     ObjectKind
	Names    []*TableName // for schemas, Name holds the schema name
	IfExists bool
	Cascade  bool
}

// TruncateStmt is TRUNCATE [TABLE] t, ....
type TruncateStmt struct {
	Tables []*TableName
}

// TxKind is a transaction-control statement.
type TxKind uint8

// Transaction statements.
const (
	TxBegin TxKind = iota
	TxCommit
	TxRollback
	TxSavepoint
	TxRelease
	TxRollbackTo
)

// TransactionStmt is BEGIN/START TRANSACTION, COMMIT/END, ROLLBACK/ABORT, SAVEPOINT...
type TransactionStmt struct {
	Kind      TxKind
	Savepoint string
	ReadOnly  bool
}

// ExplainStmt is EXPLAIN [ANALYZE] [VERBOSE] stmt.
type ExplainStmt struct {
	Stmt    Stmt
	Analyze bool
	Verbose bool
}

// CopyStmt is COPY in either Redshift's or PostgreSQL's form. Options are
// normalised: Redshift's `DELIMITER '|' CSV IGNOREHEADER 1 GZIP` and PostgreSQL's
// `WITH (FORMAT csv, DELIMITER '|', HEADER true)` both fill the same fields.
type CopyStmt struct {
	Table   *TableName
	Columns []string
	Query   *Select // COPY (SELECT ...) TO ...
	From    bool    // true: COPY ... FROM; false: COPY ... TO
	File    string  // path or URL ('s3://...'); "" for STDIN/STDOUT
	Stdio   bool    // FROM STDIN / TO STDOUT

	Format          string // "text" (default), "csv", "parquet", "json", "fixedwidth"
	Delimiter       *string
	Null            *string // NULL AS '...'
	Quote           *string
	Escape          *string
	Header          bool   // PostgreSQL HEADER (skip one line on input)
	IgnoreHeader    int    // Redshift IGNOREHEADER n
	Compression     string // "", "gzip", "zstd", "bzip2", "lzop"
	EmptyAsNull     bool
	BlanksAsNull    bool
	DateFormat      string
	TimeFormat      string
	MaxError        int
	TruncateColumns bool
	AcceptInvChars  *string
	Region          string
	IAMRole         string
	Credentials     string
	Manifest        bool
	Options         map[string]string // anything else, lower-case key → raw value, for later issues
}

// SetStmt is SET [SESSION|LOCAL] name {TO|=} value | SET TIME ZONE ...
// | RESET name | RESET ALL.
type SetStmt struct {
	Name   string // lower-cased; "timezone" for SET TIME ZONE
	Values []Expr // nil with Reset or SET name TO DEFAULT
	Local  bool
	Reset  bool
	All    bool // RESET ALL
}

// ShowStmt is SHOW name | SHOW ALL.
type ShowStmt struct {
	Name string
}

// VacuumStmt is Redshift's VACUUM [FULL|SORT ONLY|DELETE ONLY|REINDEX|RECLUSTER] [t] [TO n PERCENT] [BOOST].
type VacuumStmt struct {
	Mode      string // "full" (default), "sort only", "delete only", "reindex", "recluster"
	Table     *TableName
	ToPercent int // 0 when not given
	Boost     bool
}

// AnalyzeStmt is ANALYZE [t [(cols)]] or ANALYZE COMPRESSION [t [(cols)]].
type AnalyzeStmt struct {
	Table       *TableName
	Columns     []string
	Compression bool
	ComprRows   int64 // COMPROWS n
}

// RoleOption is one option of CREATE/ALTER USER.
type RoleOption struct {
	Name  string // "password", "createdb", "nocreatedb", "createuser", "superuser", "connection limit", "valid until", ...
	Value string // string form of the value ("" for flags); password may be "DISABLE"
}

// CreateUserStmt is CREATE USER|ROLE name [WITH] options.
type CreateUserStmt struct {
	Name    string
	Options []*RoleOption
}

// AlterUserStmt is ALTER USER name [WITH] options | RENAME TO | SET ...
type AlterUserStmt struct {
	Name     string
	Options  []*RoleOption
	RenameTo string
}

// DropUserStmt is DROP USER [IF EXISTS] names.
type DropUserStmt struct {
	Names    []string
	IfExists bool
}

// AlterTableCmd is one action of ALTER TABLE.
type AlterTableCmd struct {
	Action    string // "add column", "drop column", "rename column", "rename table", "alter diststyle", "alter sortkey", "owner to", "alter column type", "append from"
	Column    *ColumnDef
	Name      string // column or new name
	NewName   string
	Cascade   bool
	IfExists  bool
	DistStyle DistStyle
	DistKey   string
	SortStyle SortStyle
	SortKey   []string

	Constraint *TableConstraint // "add constraint"; "drop constraint" names it in Name
}

// AlterTableStmt is ALTER TABLE t cmd, ....
type AlterTableStmt struct {
	Table    *TableName
	IfExists bool
	Cmds     []*AlterTableCmd
}

// PrepareStmt is PREPARE name [(types)] AS stmt.
type PrepareStmt struct {
	Name  string
	Types []types.T
	Stmt  Stmt
}

// ExecuteStmt is EXECUTE name [(args)].
type ExecuteStmt struct {
	Name string
	Args []Expr
}

// DeallocateStmt is DEALLOCATE [PREPARE] name | ALL.
type DeallocateStmt struct {
	Name string // "" for ALL
}

// CommentStmt is COMMENT ON TABLE|COLUMN|VIEW|SCHEMA name IS 'text'.
type CommentStmt struct {
	Kind   string // "table", "column", "view", "schema"
	Object []string
	Text   *string // nil: IS NULL (remove)
}

// GrantStmt is GRANT/REVOKE; accepted and recorded loosely.
type GrantStmt struct {
	Revoke bool
	Text   string
}

// UnloadStmt is Redshift's UNLOAD ('query') TO 'location' options.
type UnloadStmt struct {
	Query   string
	To      string
	Options map[string]string
}

func (*SelectStmt) node()       {}
func (*InsertStmt) node()       {}
func (*UpdateStmt) node()       {}
func (*DeleteStmt) node()       {}
func (*CreateTableStmt) node()  {}
func (*CreateViewStmt) node()   {}
func (*CreateSchemaStmt) node() {}
func (*DropStmt) node()         {}
func (*TruncateStmt) node()     {}
func (*TransactionStmt) node()  {}
func (*ExplainStmt) node()      {}
func (*CopyStmt) node()         {}
func (*SetStmt) node()          {}
func (*ShowStmt) node()         {}
func (*VacuumStmt) node()       {}
func (*AnalyzeStmt) node()      {}
func (*CreateUserStmt) node()   {}
func (*AlterUserStmt) node()    {}
func (*DropUserStmt) node()     {}
func (*AlterTableStmt) node()   {}
func (*PrepareStmt) node()      {}
func (*ExecuteStmt) node()      {}
func (*DeallocateStmt) node()   {}
func (*CommentStmt) node()      {}
func (*GrantStmt) node()        {}
func (*UnloadStmt) node()       {}

func (*SelectStmt) stmt()       {}
func (*InsertStmt) stmt()       {}
func (*UpdateStmt) stmt()       {}
func (*DeleteStmt) stmt()       {}
func (*CreateTableStmt) stmt()  {}
func (*CreateViewStmt) stmt()   {}
func (*CreateSchemaStmt) stmt() {}
func (*DropStmt) stmt()         {}
func (*TruncateStmt) stmt()     {}
func (*TransactionStmt) stmt()  {}
func (*ExplainStmt) stmt()      {}
func (*CopyStmt) stmt()         {}
func (*SetStmt) stmt()          {}
func (*ShowStmt) stmt()         {}
func (*VacuumStmt) stmt()       {}
func (*AnalyzeStmt) stmt()      {}
func (*CreateUserStmt) stmt()   {}
func (*AlterUserStmt) stmt()    {}
func (*DropUserStmt) stmt()     {}
func (*AlterTableStmt) stmt()   {}
func (*PrepareStmt) stmt()      {}
func (*ExecuteStmt) stmt()      {}
func (*DeallocateStmt) stmt()   {}
func (*CommentStmt) stmt()      {}
func (*GrantStmt) stmt()        {}
func (*UnloadStmt) stmt()       {}
