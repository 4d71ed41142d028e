package pgwire

import (
	"github.com/warehoused/warehoused"
	"github.com/warehoused/warehoused/sql/ast"
)

// Parsing through libpg_query (two cgo calls and two protobuf decodes) is
// the largest part of a short query's cost, and clients repeat the same
// query texts (health checks, dashboards, ORMs). A session keeps the parsed
// form of recent simple-protocol texts made only of SELECTs: binding reads
// the AST without changing it (the extended protocol already re-runs one
// parsed statement many times), and parsing depends on the text alone.
const (
	parseCacheEntries = 64
	parseCacheMaxText = 8 << 10 // longer texts are rarely repeated verbatim
)

// cachedParse returns the statements of text, parsing it unless the
// session parsed the same text before.
func (se *session) cachedParse(text string) ([]warehoused.Statement, error) {
	if st, ok := se.parsed[text]; ok {
		return st, nil
	}
	stmts, err := se.conn.Parse(text)
	if err != nil || len(text) > parseCacheMaxText || !allSelects(stmts) {
		return stmts, err
	}
	if se.parsed == nil || len(se.parsed) >= parseCacheEntries {
		// Dropping everything keeps this simple; a working set larger
		// than the cache just parses as before.
		se.parsed = make(map[string][]warehoused.Statement, parseCacheEntries)
	}
	se.parsed[text] = stmts
	return stmts, nil
}

func allSelects(stmts []warehoused.Statement) bool {
	for _, st := range stmts {
		if _, ok := st.Stmt.(*ast.SelectStmt); !ok {
			return false
		}
	}
	return len(stmts) > 0
}
