// Package sql turns SQL text into warehoused's AST (package sql/ast), using
// PostgreSQL's own grammar (pg_query_go) plus a small Redshift layer
// (package sql/redshift) that handles what that grammar rejects.
//
// Conversion notes beyond the ast doc comments:
//   - the first argument of dateadd/datediff/date_part/date_trunc written as a
//     bare identifier (`dateadd(day, 1, d)`) arrives as a string Const "day";
//   - Redshift's bare SYSDATE arrives as FuncCall "sysdate" ("sysdate" quoted
//     stays a column);
//   - INSERT ... VALUES rows hold nil for DEFAULT;
//   - SELECT ... INTO t is a CreateTableStmt with AsQuery; DROP USER is a
//     DropUserStmt;
//   - f() AS x(a type, ...) in FROM keeps the column names in the alias;
//   - ALTER USER u SET p TO v is the RoleOption "set p" = "v";
//   - SET TRANSACTION / SET SESSION CHARACTERISTICS hold "name=value" strings;
//   - ARRAY[...] becomes FuncCall "array", a subscript x[i] FuncCall
//     "array_subscript"(x, i), a row constructor (a, b) FuncCall "row",
//     GROUPING(a, b) FuncCall "grouping"; `x op ANY (ARRAY[...])` with op =
//     becomes InExpr, with <> ALL NOT IN, other `x op ANY|ALL (array)`
//     ArrayCompareExpr; field selection (x).f FuncCall "record_field"(x, 'f');
//   - types the engine lacks but catalog queries use (oid, regclass, arrays,
//     ...) arrive as TypeName{Type: Unknown, Name: "regclass"}; other unknown
//     type names are 42704.
package sql

import (
	"errors"
	"unicode/utf8"

	pg_query "github.com/pganalyze/pg_query_go/v6"
	"github.com/warehoused/warehoused/sql/ast"
	"github.com/warehoused/warehoused/sql/redshift"
	"github.com/warehoused/warehoused/sqlerr"
)

// Parsed is one statement of a script.
type Parsed struct {
	Stmt ast.Stmt
	SQL  string // the statement's own text, without the terminating ';'
}

// Parse parses a script of zero or more ';'-separated statements. Syntax
// errors carry 42601 and the 1-based character position within text;
// statements we do not support carry 0A000 naming the statement.
func Parse(text string) ([]Parsed, error) {
	toks, err := redshift.Scan(text)
	if err != nil {
		// The scanner failed (unterminated literal...): let the grammar
		// produce PostgreSQL's message and position.
		if _, perr := pg_query.Parse(text); perr != nil {
			return nil, pgError(perr)
		}
		return nil, err
	}
	var out []Parsed
	start := 0
	for i := 0; i <= len(toks); i++ {
		if i < len(toks) && toks[i].Kind != pg_query.Token_ASCII_59 {
			continue
		}
		if i > start {
			p, err := parseStatement(text, toks[start:i])
			if err != nil {
				return nil, err
			}
			out = append(out, p...)
		}
		start = i + 1
	}
	return out, nil
}

// parseStatement parses the statement made of toks (a slice of text's tokens).
func parseStatement(text string, toks []redshift.Token) ([]Parsed, error) {
	from, to := toks[0].Start, toks[len(toks)-1].End
	stmtText := text[from:to]
	local := make([]redshift.Token, len(toks))
	for i, t := range toks {
		t.Start -= from
		t.End -= from
		local[i] = t
	}
	stmts, err := parseOne(stmtText, local)
	if err != nil {
		return nil, shiftPosition(err, utf8.RuneCountInString(text[:from]))
	}
	out := make([]Parsed, 0, len(stmts))
	for _, s := range stmts {
		out = append(out, Parsed{Stmt: s, SQL: stmtText})
	}
	return out, nil
}

// shiftPosition moves an error position from statement-relative to
// script-relative.
func shiftPosition(err error, chars int) error {
	var se *sqlerr.Error
	if chars == 0 || !errors.As(err, &se) || se.Position == 0 {
		return err
	}
	pos := se.Position + chars
	if pos < 1 {
		pos = 1
	}
	return se.WithPosition(pos)
}

// parseOne parses a single statement's text.
func parseOne(text string, toks []redshift.Token) ([]ast.Stmt, error) {
	res, err := redshift.Rewrite(text, toks)
	if err != nil {
		return nil, err
	}
	if res.Stmt != nil {
		return []ast.Stmt{res.Stmt}, nil
	}
	tree, perr := pg_query.Parse(res.Text)
	if perr != nil {
		err := pgError(perr)
		if len(res.Shifts) > 0 {
			// Positions are characters; shifts are bytes: close enough for
			// pointing at the offending token.
			if p := errPos(err); p > 0 {
				err = shiftPosition(err, res.Original(p-1)+1-p)
			}
		}
		if len(toks) > 0 && toks[0].Is("copy") {
			// Redshift's COPY options are not PostgreSQL's grammar. Report
			// whichever parser got further.
			cs, cerr := redshift.ParseCopy(text, toks)
			if cerr == nil {
				return []ast.Stmt{cs}, nil
			}
			if errPos(cerr) > errPos(err) {
				return nil, cerr
			}
		}
		return nil, err
	}
	var out []ast.Stmt
	for _, raw := range tree.GetStmts() {
		c := &converter{text: res.Text, orig: text, toks: toks, shifts: res}
		st := c.stmt(raw.GetStmt())
		if c.err != nil {
			return nil, c.err
		}
		if st == nil {
			continue
		}
		applyRedshift(st, res)
		out = append(out, st)
	}
	return out, nil
}

// applyRedshift copies what the Redshift layer removed into the statement.
func applyRedshift(st ast.Stmt, res *redshift.Result) {
	switch s := st.(type) {
	case *ast.ExplainStmt:
		applyRedshift(s.Stmt, res)
	case *ast.CreateTableStmt:
		a := res.Table
		if a == nil {
			return
		}
		s.DistStyle, s.DistKey, s.SortStyle, s.SortKey = a.DistStyle, a.DistKey, a.SortStyle, a.SortKey
		s.Backup, s.EncodeAll = a.Backup, a.EncodeAll
		if s.DistKey != "" && s.DistStyle == ast.DistUnspecified {
			s.DistStyle = ast.DistKey
		}
		for _, col := range s.Columns {
			ca := a.Columns[col.Name]
			if ca == nil {
				continue
			}
			col.Encode, col.DistKey, col.SortKey = ca.Encode, ca.DistKey, ca.SortKey
			if ca.Identity != nil {
				col.Identity = ca.Identity
			}
			if ca.DistKey && s.DistStyle == ast.DistUnspecified {
				s.DistStyle = ast.DistKey
			}
		}
	case *ast.CreateViewStmt:
		s.NoSchemaBinding = res.NoSchemaBinding
	case *ast.CreateUserStmt:
		s.Options = append(s.Options, res.RoleOptions...)
	case *ast.AlterUserStmt:
		s.Options = append(s.Options, res.RoleOptions...)
	case *ast.AlterTableStmt:
		if res.Table == nil {
			return
		}
		for _, cmd := range s.Cmds {
			if cmd.Column == nil {
				continue
			}
			if ca := res.Table.Columns[cmd.Column.Name]; ca != nil {
				cmd.Column.Encode, cmd.Column.DistKey, cmd.Column.SortKey = ca.Encode, ca.DistKey, ca.SortKey
			}
		}
	}
}

// errPos is an error's position, 0 if none.
func errPos(err error) int {
	var se *sqlerr.Error
	if errors.As(err, &se) {
		return se.Position
	}
	return 0
}

// ParseExpr parses a single scalar expression (column DEFAULTs).
func ParseExpr(text string) (ast.Expr, error) {
	const prefix = "SELECT "
	tree, err := pg_query.Parse(prefix + text)
	if err != nil {
		return nil, shiftPosition(pgError(err), -len(prefix))
	}
	stmts := tree.GetStmts()
	if len(stmts) != 1 {
		return nil, sqlerr.Newf(sqlerr.SyntaxError, "expected a single expression")
	}
	sel := stmts[0].GetStmt().GetSelectStmt()
	if sel == nil || len(sel.GetTargetList()) != 1 || len(sel.GetFromClause()) != 0 || sel.GetWhereClause() != nil ||
		len(sel.GetGroupClause()) != 0 || len(sel.GetSortClause()) != 0 || sel.GetLimitCount() != nil ||
		sel.GetOp() != pg_query.SetOperation_SETOP_NONE || len(sel.GetDistinctClause()) != 0 ||
		sel.GetTargetList()[0].GetResTarget().GetName() != "" {
		return nil, sqlerr.Newf(sqlerr.SyntaxError, "expected a single expression")
	}
	c := &converter{text: prefix + text, orig: text, exprOffset: len(prefix)}
	e := c.expr(sel.GetTargetList()[0].GetResTarget().GetVal())
	if c.err != nil {
		return nil, c.err
	}
	if e == nil {
		return nil, sqlerr.Newf(sqlerr.SyntaxError, "expected a single expression")
	}
	return e, nil
}
