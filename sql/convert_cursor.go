package sql

import (
	"math"

	pg_query "github.com/pganalyze/pg_query_go/v6"
	"github.com/warehoused/warehoused/sql/ast"
)

// PostgreSQL's CURSOR_OPT_* bits in DeclareCursorStmt.options.
const (
	cursorOptScroll = 0x0002
	cursorOptHold   = 0x0020
)

// declareCursor converts DECLARE name CURSOR FOR query. Redshift cursors
// are forward-only, so SCROLL is refused here rather than half-honoured
// later. WITH HOLD is PostgreSQL's (psqlODBC's UseDeclareFetch sends it).
func (c *converter) declareCursor(s *pg_query.DeclareCursorStmt) ast.Stmt {
	if s.GetOptions()&cursorOptScroll != 0 {
		c.unsupported(-1, "SCROLL cursors are not supported")
		return nil
	}
	sel := s.GetQuery().GetSelectStmt()
	if sel == nil || sel.GetIntoClause() != nil {
		c.unsupported(-1, "DECLARE CURSOR must be followed by a SELECT")
		return nil
	}
	q := c.selectStmt(sel)
	if q == nil {
		return nil
	}
	return &ast.DeclareCursorStmt{Name: s.GetPortalname(), Query: q, Hold: s.GetOptions()&cursorOptHold != 0}
}

// fetchStmt converts FETCH and MOVE. The grammar folds NEXT into FORWARD 1
// and ALL into FORWARD with the largest count; every other direction
// (BACKWARD, PRIOR, FIRST, LAST, ABSOLUTE, RELATIVE, negative counts)
// would scroll, which Redshift does not support.
func (c *converter) fetchStmt(s *pg_query.FetchStmt) ast.Stmt {
	verb := "FETCH"
	if s.GetIsmove() {
		verb = "MOVE"
	}
	n := s.GetHowMany()
	if s.GetDirection() != pg_query.FetchDirection_FETCH_FORWARD || n <= 0 {
		c.unsupported(-1, "%s with a backward or absolute position is not supported: cursors are forward-only", verb)
		return nil
	}
	if n == math.MaxInt64 {
		n = ast.FetchAll
	}
	return &ast.FetchStmt{Name: s.GetPortalname(), Count: n, Move: s.GetIsmove()}
}

// discardStmt converts DISCARD ALL | PLANS | SEQUENCES | TEMP.
func (c *converter) discardStmt(s *pg_query.DiscardStmt) ast.Stmt {
	switch s.GetTarget() {
	case pg_query.DiscardMode_DISCARD_ALL:
		return &ast.DiscardStmt{Target: "all"}
	case pg_query.DiscardMode_DISCARD_PLANS:
		return &ast.DiscardStmt{Target: "plans"}
	case pg_query.DiscardMode_DISCARD_SEQUENCES:
		return &ast.DiscardStmt{Target: "sequences"}
	case pg_query.DiscardMode_DISCARD_TEMP:
		return &ast.DiscardStmt{Target: "temp"}
	}
	c.unsupported(-1, "%s is not supported", c.statementKind())
	return nil
}
