package redshift

import (
	"github.com/warehoused/warehoused/sql/ast"
)

// parseAlterTable handles Redshift-only ALTER TABLE actions; it returns nil
// (no error) when the statement is PostgreSQL's business. c is just after
// ALTER TABLE.
//
//	ALTER TABLE t ALTER DISTSTYLE {ALL|EVEN|AUTO|KEY DISTKEY c}
//	ALTER TABLE t ALTER DISTKEY c
//	ALTER TABLE t ALTER [COMPOUND|INTERLEAVED] SORTKEY (cols) | ALTER SORTKEY {AUTO|NONE}
//	ALTER TABLE t ALTER ENCODE AUTO
//	ALTER TABLE t ALTER COLUMN c ENCODE e
//	ALTER TABLE t APPEND FROM src [IGNOREEXTRA|FILLTARGET]
func parseAlterTable(c *cursor) (*ast.AlterTableStmt, error) {
	st := &ast.AlterTableStmt{}
	if c.accept("if", "exists") {
		st.IfExists = true
	}
	loc := c.peek().Start
	s, n, err := c.qualifiedName()
	if err != nil {
		return nil, nil
	}
	st.Table = &ast.TableName{Schema: s, Name: n, Loc: loc}
	cmd := &ast.AlterTableCmd{}
	switch {
	case c.accept("alter", "diststyle"):
		cmd.Action = "alter diststyle"
		w := c.next()
		ds, ok := distStyleOf(w.Word)
		if !ok {
			return nil, c.syntaxError(w)
		}
		cmd.DistStyle = ds
		if ds == ast.DistKey {
			if !c.accept("distkey") {
				return nil, c.errHere()
			}
			if cmd.DistKey, err = c.name(); err != nil {
				return nil, err
			}
		}
	case c.accept("alter", "distkey"):
		cmd.Action, cmd.DistStyle = "alter diststyle", ast.DistKey
		if cmd.DistKey, err = c.name(); err != nil {
			return nil, err
		}
	case c.at(c.i).Is("alter") && (c.at(c.i+1).Is("sortkey") || c.at(c.i+1).Is("compound") || c.at(c.i+1).Is("interleaved")):
		c.next()
		cmd.Action, cmd.SortStyle = "alter sortkey", ast.SortCompound
		if c.accept("interleaved") {
			cmd.SortStyle = ast.SortInterleaved
		} else {
			c.accept("compound")
		}
		if !c.accept("sortkey") {
			return nil, c.errHere()
		}
		switch {
		case c.accept("auto"):
			cmd.SortStyle = ast.SortAuto
		case c.accept("none"):
			cmd.SortStyle = ast.SortUnspecified
		default:
			if cmd.SortKey, err = c.nameList(); err != nil {
				return nil, err
			}
		}
	case c.accept("alter", "encode"):
		if !c.accept("auto") {
			return nil, c.errHere()
		}
		cmd.Action, cmd.Name = "alter encode", "auto"
	case c.at(c.i).Is("alter") && c.at(c.i+1).Is("column") && c.at(c.i+3).Is("encode"):
		c.i += 2
		col, _ := c.name()
		c.next() // ENCODE
		enc, err := c.name()
		if err != nil {
			return nil, err
		}
		cmd.Action, cmd.Name = "alter column encode", col
		cmd.Column = &ast.ColumnDef{Name: col, Encode: enc, Loc: -1}
	case c.accept("append", "from"):
		cmd.Action = "append from"
		s, n, err := c.qualifiedName()
		if err != nil {
			return nil, err
		}
		cmd.Name = n
		if s != "" {
			cmd.Name = s + "." + n
		}
		switch {
		case c.accept("ignoreextra"):
			cmd.NewName = "ignoreextra"
		case c.accept("filltarget"):
			cmd.NewName = "filltarget"
		}
	default:
		return nil, nil
	}
	if !c.eof() {
		return nil, c.errHere()
	}
	st.Cmds = []*ast.AlterTableCmd{cmd}
	return st, nil
}
