package redshift

import (
	"strconv"
	"strings"

	"github.com/warehoused/warehoused/sql/ast"
)

// parseUnload: UNLOAD ('query') TO 'location' option ...; c is just after UNLOAD.
// Options are stored lower-case key → value ("" for flags); PARTITION BY
// (cols) [INCLUDE] becomes "partition by" → "a,b" (and "partition include").
func parseUnload(c *cursor) (*ast.UnloadStmt, error) {
	st := &ast.UnloadStmt{Options: map[string]string{}}
	if !c.acceptPunct('(') {
		return nil, c.errHere()
	}
	q, err := c.str()
	if err != nil {
		return nil, err
	}
	st.Query = q
	if !c.acceptPunct(')') {
		return nil, c.errHere()
	}
	if !c.accept("to") {
		return nil, c.errHere()
	}
	if st.To, err = c.str(); err != nil {
		return nil, err
	}
	c.accept("with")
	for !c.eof() {
		t := c.next()
		if !t.IsName() {
			return nil, c.syntaxError(t)
		}
		switch t.Word {
		case "iam_role":
			if c.accept("default") {
				st.Options["iam_role"] = "default"
				continue
			}
			v, err := c.str()
			if err != nil {
				return nil, err
			}
			st.Options["iam_role"] = v
		case "format":
			c.accept("as")
			w, err := c.name()
			if err != nil {
				return nil, err
			}
			st.Options["format"] = w
		case "csv", "parquet", "json":
			st.Options["format"] = t.Word
		case "partition":
			if !c.accept("by") {
				return nil, c.errHere()
			}
			cols, err := c.nameList()
			if err != nil {
				return nil, err
			}
			st.Options["partition by"] = strings.Join(cols, ",")
			if c.accept("include") {
				st.Options["partition include"] = ""
			}
		case "manifest":
			st.Options["manifest"] = ""
			if c.accept("verbose") {
				st.Options["manifest"] = "verbose"
			}
		case "maxfilesize":
			c.accept("as")
			n, err := c.integer()
			if err != nil {
				return nil, err
			}
			unit := "mb"
			if c.accept("gb") {
				unit = "gb"
			} else {
				c.accept("mb")
			}
			st.Options["maxfilesize"] = strings.TrimSpace(strconv.FormatInt(n, 10) + " " + unit)
		default:
			k, v, err := genericOption(c, t)
			if err != nil {
				return nil, err
			}
			st.Options[k] = v
		}
	}
	return st, nil
}
