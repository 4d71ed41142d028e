package ast

// DeclareCursorStmt is DECLARE name [BINARY] [NO SCROLL] CURSOR [WITH[OUT] HOLD] FOR query.
type DeclareCursorStmt struct {
	Name  string
	Query *Select
	Hold  bool // WITH HOLD: the cursor outlives the transaction's COMMIT
}

// FetchAll is FetchStmt.Count for FETCH ALL / FORWARD ALL.
const FetchAll int64 = -1

// FetchStmt is FETCH or MOVE [NEXT | ALL | [FORWARD] n | FORWARD ALL] [FROM | IN] name.
// Only forward fetches reach the AST: Redshift cursors cannot scroll.
type FetchStmt struct {
	Name  string
	Count int64 // rows to fetch; FetchAll for the rest
	Move  bool  // MOVE: skip the rows instead of returning them
}

// CloseCursorStmt is CLOSE name | CLOSE ALL.
type CloseCursorStmt struct {
	Name string // "" for ALL
}

// DiscardStmt is DISCARD ALL | PLANS | SEQUENCES | TEMP.
type DiscardStmt struct {
	Target string // "all", "plans", "sequences", "temp"
}

// ListenStmt is UNLISTEN channel | UNLISTEN * (LISTEN and NOTIFY are
// refused by the parser: Redshift has no asynchronous notifications).
type ListenStmt struct {
	Kind    string // "unlisten"
	Channel string // "" for UNLISTEN *
}

func (*DeclareCursorStmt) node() {}
func (*FetchStmt) node()         {}
func (*CloseCursorStmt) node()   {}
func (*DiscardStmt) node()       {}
func (*ListenStmt) node()        {}

func (*DeclareCursorStmt) stmt() {}
func (*FetchStmt) stmt()         {}
func (*CloseCursorStmt) stmt()   {}
func (*DiscardStmt) stmt()       {}
func (*ListenStmt) stmt()        {}
