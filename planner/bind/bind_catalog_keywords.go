package bind

import (
	"strings"

	"github.com/warehoused/warehoused/sql/ast"
)

// reservedKeywords are PostgreSQL's reserved key words (catcode R), which
// pg_get_keywords() lists for pgjdbc's getSQLKeywords and DBeaver.
var reservedKeywords = strings.Fields(`all analyse analyze and any array as asc asymmetric both case cast
	check collate column constraint create current_catalog current_date current_role current_time
	current_timestamp current_user default deferrable desc distinct do else end except false fetch for
	foreign from grant group having in initially intersect into lateral leading limit localtime
	localtimestamp not null offset on only or order placing primary references returning select
	session_user some symmetric table then to trailing true union unique user using variadic when where
	window with`)

// keywordsTable replaces pg_get_keywords() in FROM with the list as VALUES
// (word, catcode, barelabel, catdesc, baredesc).
func keywordsTable(ft *ast.FuncTable) (ast.TableExpr, bool) {
	if ft.Call == nil || ft.Call.Name != "pg_get_keywords" || len(ft.Call.Args) != 0 {
		return nil, false
	}
	str := func(s string) ast.Expr { return &ast.Const{Kind: ast.ConstString, Text: s, Loc: -1} }
	q := &ast.Select{Loc: -1}
	for _, w := range reservedKeywords {
		q.Values = append(q.Values, []ast.Expr{str(w), str("R"), &ast.Const{Kind: ast.ConstBool, Bool: true, Loc: -1}, str("reserved"), str("can be bare label")})
	}
	alias := &ast.Alias{Name: "pg_get_keywords", Columns: []string{"word", "catcode", "barelabel", "catdesc", "baredesc"}}
	if ft.Alias != nil {
		alias.Name = ft.Alias.Name
		for i, c := range ft.Alias.Columns {
			if i < len(alias.Columns) {
				alias.Columns[i] = c
			}
		}
	}
	return &ast.SubqueryTable{Query: q, Alias: alias, Loc: ft.Loc}, true
}
