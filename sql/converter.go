package sql

import (
	"strings"
	"unicode/utf8"

	pg_query "github.com/pganalyze/pg_query_go/v6"
	"github.com/warehoused/warehoused/sql/redshift"
	"github.com/warehoused/warehoused/sqlerr"
)

// converter turns one pg_query statement into our AST. The first error is
// kept in err and conversion carries on returning zero values, so the
// walkers stay free of error plumbing; nothing here panics on odd input.
type converter struct {
	text         string           // the text pg_query parsed (locations index into it)
	orig         string           // the statement as written (Loc values index into it)
	toks         []redshift.Token // the statement's tokens (nil for ParseExpr)
	exprOffset   int              // bytes to subtract from locations (ParseExpr's "SELECT ")
	shifts       *redshift.Result // maps offsets in a rewritten text back (nil: none)
	allowDefault bool             // DEFAULT is allowed (a nil entry) in INSERT ... VALUES
	err          error
}

func (c *converter) fail(err error) {
	if c.err == nil {
		c.err = err
	}
}

// loc converts a pg_query location into a byte offset (-1 when absent).
func (c *converter) loc(l int32) int {
	if l < 0 {
		return -1
	}
	v := int(l) - c.exprOffset
	if c.shifts != nil {
		v = c.shifts.Original(v)
	}
	if v < 0 {
		return -1
	}
	return v
}

// charPos is the 1-based character position of a pg_query location in the
// original statement text, 0 if none.
func (c *converter) charPos(l int32) int {
	off := c.loc(l)
	if off < 0 || off > len(c.orig) {
		return 0
	}
	return utf8.RuneCountInString(c.orig[:off]) + 1
}

// unsupported records a 0A000 error.
func (c *converter) unsupported(l int32, format string, args ...any) {
	e := sqlerr.Newf(sqlerr.FeatureNotSupported, format, args...)
	if p := c.charPos(l); p > 0 {
		e = e.WithPosition(p)
	}
	c.fail(e)
}

// str extracts a String node's value.
func str(n *pg_query.Node) string {
	if s := n.GetString_(); s != nil {
		return s.GetSval()
	}
	return ""
}

// strs extracts a list of String nodes.
func strs(ns []*pg_query.Node) []string {
	if len(ns) == 0 {
		return nil
	}
	out := make([]string, 0, len(ns))
	for _, n := range ns {
		out = append(out, str(n))
	}
	return out
}

// stripCatalog drops a leading "pg_catalog" from a qualified name.
func stripCatalog(parts []string) []string {
	if len(parts) > 1 && parts[0] == "pg_catalog" {
		return parts[1:]
	}
	return parts
}

// statementKind names a statement for "X is not supported" from its first words.
func (c *converter) statementKind() string {
	var words []string
	for _, t := range c.toks {
		if !t.IsName() || t.Quoted {
			break
		}
		w := strings.ToUpper(t.Word)
		if len(words) == 1 {
			switch w {
			case "OR", "REPLACE", "TEMP", "TEMPORARY", "UNLOGGED", "TRUSTED", "PROCEDURAL":
				continue // noise between the verb and the object kind
			}
		}
		words = append(words, w)
		if len(words) == 1 && w != "CREATE" && w != "ALTER" && w != "DROP" {
			break
		}
		if len(words) > 1 {
			switch w {
			case "UNIQUE", "MATERIALIZED", "DEFAULT", "FOREIGN", "EVENT", "TEXT", "SEARCH", "ACCESS":
				continue // two-word object kinds
			}
			break
		}
	}
	if len(words) == 0 {
		return "statement"
	}
	return strings.Join(words, " ")
}
