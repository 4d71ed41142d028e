package redshift

import (
	"strconv"
	"strings"

	"github.com/warehoused/warehoused/sql/ast"
)

// ParseCopy parses Redshift's COPY form:
//
//	COPY t [(cols)] FROM {'s3://...' | '/path' | STDIN} [WITH] option ...
//
// Known options fill CopyStmt fields; anything else lands in Options
// (lower-case key → value, "" for flags).
func ParseCopy(text string, toks []Token) (*ast.CopyStmt, error) {
	c := &cursor{text: text, toks: toks}
	if !c.accept("copy") {
		return nil, c.errHere()
	}
	tloc := c.peek().Start
	s, n, err := c.qualifiedName()
	if err != nil {
		return nil, err
	}
	st := &ast.CopyStmt{Table: &ast.TableName{Schema: s, Name: n, Loc: tloc}, From: true, Format: "text"}
	if c.peek().IsPunct('(') {
		if st.Columns, err = c.nameList(); err != nil {
			return nil, err
		}
	}
	if !c.accept("from") {
		return nil, c.errHere()
	}
	switch {
	case c.accept("stdin"):
		st.Stdio = true
	default:
		if st.File, err = c.str(); err != nil {
			return nil, err
		}
	}
	c.accept("with")
	for !c.eof() {
		if err := copyOption(c, st); err != nil {
			return nil, err
		}
	}
	return st, nil
}

// copyOption reads one option.
func copyOption(c *cursor, st *ast.CopyStmt) error {
	t := c.next()
	if !t.IsName() {
		return c.syntaxError(t)
	}
	strArg := func() (string, error) {
		c.accept("as")
		return c.str()
	}
	intArg := func() (int64, error) {
		c.accept("as")
		return c.integer()
	}
	var err error
	switch t.Word {
	case "iam_role":
		if c.accept("default") {
			st.IAMRole = "default"
			return nil
		}
		st.IAMRole, err = c.str()
	case "credentials":
		st.Credentials, err = strArg()
	case "region":
		st.Region, err = strArg()
	case "format":
		c.accept("as")
		return formatOption(c, st, c.next())
	case "csv", "parquet", "orc", "json", "avro", "fixedwidth", "shapefile":
		return formatOption(c, st, t)
	case "delimiter":
		var v string
		v, err = strArg()
		st.Delimiter = &v
	case "quote":
		var v string
		v, err = strArg()
		st.Quote = &v
	case "escape":
		if c.peek().IsString() {
			var v string
			v, err = c.str()
			st.Escape = &v
		} else {
			v := `\`
			st.Escape = &v
		}
	case "null":
		var v string
		v, err = strArg()
		st.Null = &v
	case "ignoreheader":
		var n int64
		n, err = intArg()
		st.IgnoreHeader = int(n)
	case "header":
		st.Header = true
	case "gzip", "zstd", "bzip2", "lzop":
		st.Compression = t.Word
	case "emptyasnull":
		st.EmptyAsNull = true
	case "blanksasnull":
		st.BlanksAsNull = true
	case "dateformat":
		st.DateFormat, err = strArg()
	case "timeformat":
		st.TimeFormat, err = strArg()
	case "maxerror":
		var n int64
		n, err = intArg()
		st.MaxError = int(n)
	case "truncatecolumns":
		st.TruncateColumns = true
	case "acceptinvchars":
		c.accept("as")
		v := "?"
		if c.peek().IsString() {
			v, err = c.str()
		}
		st.AcceptInvChars = &v
	case "manifest":
		st.Manifest = true
	default:
		key, val, e := genericOption(c, t)
		if e != nil {
			return e
		}
		if st.Options == nil {
			st.Options = map[string]string{}
		}
		st.Options[key] = val
	}
	return err
}

// formatOption handles CSV [QUOTE [AS] 'c'], JSON ['auto'], FIXEDWIDTH 'spec', ...
func formatOption(c *cursor, st *ast.CopyStmt, t Token) error {
	if !t.IsName() {
		return c.syntaxError(t)
	}
	st.Format = t.Word
	switch t.Word {
	case "csv":
		if c.accept("quote") {
			c.accept("as")
			v, err := c.str()
			if err != nil {
				return err
			}
			st.Quote = &v
		}
	case "json", "avro", "fixedwidth", "shapefile":
		c.accept("as")
		if c.peek().IsString() {
			v, err := c.str()
			if err != nil {
				return err
			}
			if st.Options == nil {
				st.Options = map[string]string{}
			}
			st.Options[t.Word] = v
		}
	}
	return nil
}

// genericOption reads `word [AS] [value]` where value is a string, a number
// or a plain word such as ON/OFF; a following option name is not a value.
func genericOption(c *cursor, t Token) (string, string, error) {
	key := t.Word
	hadAs := c.accept("as")
	v := c.peek()
	switch {
	case v.IsString():
		s, err := c.str()
		return key, s, err
	case isIntTok(v) || v.IsPunct('-'):
		if n, err := c.integer(); err == nil {
			return key, strconv.FormatInt(n, 10), nil
		}
		c.next()
		return key, v.Raw, nil
	case v.IsName() && (hadAs || isFlagValue(v.Word)):
		c.next()
		return key, v.Word, nil
	case hadAs:
		return "", "", c.errHere()
	}
	return key, "", nil
}

func isFlagValue(w string) bool {
	switch strings.ToLower(w) {
	case "on", "off", "true", "false", "preset", "auto", "mb", "gb":
		return true
	}
	return false
}
