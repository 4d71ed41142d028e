package ast

import "github.com/warehoused/warehoused/types"

// ColumnRef is a possibly qualified column name, or a star: `a`, `t.a`,
// `s.t.a`, `*`, `t.*`.
type ColumnRef struct {
	Parts []string // lower-cased unless quoted; for `t.*` Parts is ["t"]
	Star  bool
	Loc   int
}

// ParamRef is a positional parameter $N (1-based).
type ParamRef struct {
	Number int
	Loc    int
}

// ConstKind says what literal a Const holds.
type ConstKind uint8

// Literal kinds.
const (
	ConstNull      ConstKind = iota
	ConstInt                 // fits int64; Int holds it
	ConstNumeric             // decimal or too large for int64; Text holds digits as written ("1.5", "1e10")
	ConstString              // Text; its type is decided by context (unknown until resolved)
	ConstBool                // Bool
	ConstBitString           // B'0101' / X'1F' (Text), rarely used
)

// Const is a literal.
type Const struct {
	Kind ConstKind
	Int  int64
	Bool bool
	Text string
	Loc  int
}

// BinaryExpr is `L op R` for an operator such as + - * / % ^ = <> < <= > >= || ~ ~* !~ !~*
// (operators are as written; `!=` becomes `<>`). Schema-qualified operators
// `OPERATOR(pg_catalog.~)` arrive with the schema stripped.
type BinaryExpr struct {
	Op   string
	L, R Expr
	Loc  int
}

// UnaryExpr is a prefix operator: `-x`, `+x`, `~x`, `|/x`, `@x`.
type UnaryExpr struct {
	Op  string
	Arg Expr
	Loc int
}

// BoolOp is AND, OR or NOT.
type BoolOp uint8

// Boolean operators.
const (
	And BoolOp = iota
	Or
	Not
)

// BoolExpr is AND/OR over two or more args, or NOT over one.
type BoolExpr struct {
	Op   BoolOp
	Args []Expr
	Loc  int
}

// BetweenExpr is `Arg [NOT] BETWEEN [SYMMETRIC] Lo AND Hi`.
type BetweenExpr struct {
	Arg, Lo, Hi Expr
	Not         bool
	Symmetric   bool
	Loc         int
}

// InExpr is `Arg [NOT] IN (list)` with a list of expressions. IN (subquery)
// becomes SubqueryExpr.
type InExpr struct {
	Arg  Expr
	List []Expr
	Not  bool
	Loc  int
}

// LikeKind is LIKE, ILIKE or SIMILAR TO.
type LikeKind uint8

// Pattern-match kinds.
const (
	Like LikeKind = iota
	ILike
	SimilarTo
)

// LikeExpr is `Arg [NOT] LIKE|ILIKE|SIMILAR TO Pattern [ESCAPE Escape]`.
type LikeExpr struct {
	Kind    LikeKind
	Arg     Expr
	Pattern Expr
	Escape  Expr // nil: default backslash
	Not     bool
	Loc     int
}

// IsNullExpr is `Arg IS [NOT] NULL` (also ISNULL / NOTNULL).
type IsNullExpr struct {
	Arg Expr
	Not bool
	Loc int
}

// BoolTestKind is TRUE, FALSE or UNKNOWN.
type BoolTestKind uint8

// Boolean tests.
const (
	IsTrue BoolTestKind = iota
	IsFalse
	IsUnknown
)

// BoolTestExpr is `Arg IS [NOT] TRUE|FALSE|UNKNOWN`.
type BoolTestExpr struct {
	Arg  Expr
	Test BoolTestKind
	Not  bool
	Loc  int
}

// DistinctFromExpr is `L IS [NOT] DISTINCT FROM R`.
type DistinctFromExpr struct {
	L, R Expr
	Not  bool
	Loc  int
}

// FuncCall is a function or aggregate call. Name is lower-cased with any
// "pg_catalog" qualifier removed. The grammar's special forms arrive as calls:
// COALESCE → coalesce, NULLIF → nullif, GREATEST/LEAST → greatest/least,
// CURRENT_DATE/CURRENT_TIMESTAMP/LOCALTIMESTAMP/CURRENT_TIME/CURRENT_USER/
// SESSION_USER/USER/CURRENT_SCHEMA/CURRENT_CATALOG → the same name lower-cased;
// EXTRACT(f FROM x) → extract('f', x); POSITION(a IN b) → position(b, a);
// SUBSTRING(x FROM a FOR b) → substring(x, a, b); TRIM([BOTH|LEADING|TRAILING] c FROM x)
// → btrim/ltrim/rtrim(x, c); OVERLAY → overlay.
type FuncCall struct {
	Schema      string // explicit schema other than pg_catalog ("" usually)
	Name        string
	Args        []Expr
	Star        bool         // count(*)
	Distinct    bool         // count(DISTINCT x)
	OrderBy     []*OrderItem // agg(x ORDER BY y) or WITHIN GROUP (ORDER BY y)
	WithinGroup bool         // the ORDER BY came from WITHIN GROUP (percentile_cont, listagg, median)
	Filter      Expr         // FILTER (WHERE ...)
	Over        *WindowDef   // OVER (...): a window function call
	Loc         int
}

// CastExpr is `CAST(Arg AS Type)`, `Arg::Type` or a typed literal `DATE '...'`.
type CastExpr struct {
	Arg  Expr
	Type *TypeName
	Loc  int
}

// CaseExpr is CASE [Arg] WHEN ... THEN ... [ELSE ...] END.
type CaseExpr struct {
	Arg   Expr // nil for a searched CASE
	Whens []*When
	Else  Expr // nil: NULL
	Loc   int
}

// When is one WHEN Cond THEN Result arm.
type When struct {
	Cond   Expr
	Result Expr
}

// SubqueryKind is how a subquery is used in an expression.
type SubqueryKind uint8

// Subquery uses.
const (
	SubExists SubqueryKind = iota // EXISTS (q)
	SubScalar                     // (q) as a value
	SubAny                        // Test op ANY (q); IN (q) is Op "=" with SubAny
	SubAll                        // Test op ALL (q); NOT IN (q) arrives as NOT(... = ANY ...)
	SubArray                      // ARRAY(q)
)

// SubqueryExpr is a subquery inside an expression.
type SubqueryExpr struct {
	Kind  SubqueryKind
	Test  Expr   // left operand for ANY/ALL
	Op    string // comparison operator for ANY/ALL
	Query *Select
	Loc   int
}

// CollateExpr is `Arg COLLATE name`; the engine treats collations as a no-op.
type CollateExpr struct {
	Arg       Expr
	Collation string
	Loc       int
}

// TypedNull is a NULL whose type is already known (used when desugaring).
type TypedNull struct {
	Type types.T
	Loc  int
}

func (*ColumnRef) node()        {}
func (*ParamRef) node()         {}
func (*Const) node()            {}
func (*BinaryExpr) node()       {}
func (*UnaryExpr) node()        {}
func (*BoolExpr) node()         {}
func (*BetweenExpr) node()      {}
func (*InExpr) node()           {}
func (*LikeExpr) node()         {}
func (*IsNullExpr) node()       {}
func (*BoolTestExpr) node()     {}
func (*DistinctFromExpr) node() {}
func (*FuncCall) node()         {}
func (*CastExpr) node()         {}
func (*CaseExpr) node()         {}
func (*SubqueryExpr) node()     {}
func (*CollateExpr) node()      {}
func (*TypedNull) node()        {}

func (*ColumnRef) expr()        {}
func (*ParamRef) expr()         {}
func (*Const) expr()            {}
func (*BinaryExpr) expr()       {}
func (*UnaryExpr) expr()        {}
func (*BoolExpr) expr()         {}
func (*BetweenExpr) expr()      {}
func (*InExpr) expr()           {}
func (*LikeExpr) expr()         {}
func (*IsNullExpr) expr()       {}
func (*BoolTestExpr) expr()     {}
func (*DistinctFromExpr) expr() {}
func (*FuncCall) expr()         {}
func (*CastExpr) expr()         {}
func (*CaseExpr) expr()         {}
func (*SubqueryExpr) expr()     {}
func (*CollateExpr) expr()      {}
func (*TypedNull) expr()        {}

// ArrayCompareExpr is `Arg op ANY|ALL (array)` where the right side is an
// array value rather than a subquery, e.g. `a.attnum = ANY (t.conkey)` in
// catalog queries. (`x = ANY (ARRAY[...])` with a literal list arrives as
// InExpr instead.) Added by the parser helper.
type ArrayCompareExpr struct {
	Op    string
	All   bool // ALL instead of ANY/SOME
	Arg   Expr
	Array Expr
	Loc   int
}

func (*ArrayCompareExpr) node() {}
func (*ArrayCompareExpr) expr() {}
