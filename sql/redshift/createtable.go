package redshift

import (
	"github.com/warehoused/warehoused/sql/ast"
	"github.com/warehoused/warehoused/sqlerr"
)

// TableAttrs are the Redshift attributes removed from a CREATE TABLE.
type TableAttrs struct {
	DistStyle ast.DistStyle
	DistKey   string
	SortStyle ast.SortStyle
	SortKey   []string
	Backup    *bool
	EncodeAll string
	Columns   map[string]*ColumnAttrs // by column name as the grammar will see it
}

// ColumnAttrs are the Redshift attributes removed from one column definition.
type ColumnAttrs struct {
	Encode   string
	DistKey  bool
	SortKey  bool
	Identity *ast.Identity
}

// blanker records byte ranges to overwrite with spaces.
type blanker struct{ buf []byte }

func (b *blanker) blank(from, to int) {
	for k := from; k < to && k < len(b.buf); k++ {
		if b.buf[k] != '\n' {
			b.buf[k] = ' '
		}
	}
}

// rewriteCreateTable strips Redshift attributes from CREATE TABLE; c is
// positioned just after TABLE.
func rewriteCreateTable(c *cursor, res *Result) error {
	b := &blanker{buf: []byte(c.text)}
	attrs := &TableAttrs{Columns: map[string]*ColumnAttrs{}}
	c.accept("if", "not", "exists")
	if _, _, err := c.qualifiedName(); err != nil {
		return err
	}
	if c.peek().IsPunct('(') {
		if err := stripColumns(c, b, attrs); err != nil {
			return err
		}
	}
	if err := stripTableAttrs(c, b, attrs); err != nil {
		return err
	}
	res.Text = string(b.buf)
	res.Table = attrs
	return nil
}

// stripColumns walks the parenthesised element list.
func stripColumns(c *cursor, b *blanker, attrs *TableAttrs) error {
	c.next() // (
	for !c.eof() {
		// one element: up to a ',' or ')' at depth 0
		first := c.peek()
		isCol := first.IsName() && !first.Is("constraint") && !first.Is("primary") && !first.Is("unique") &&
			!first.Is("foreign") && !first.Is("check") && !first.Is("like") && !first.Is("exclude")
		c.next()
		var ca ColumnAttrs
		found := false
		depth := 0
		for !c.eof() {
			t := c.peek()
			if depth == 0 && (t.IsPunct(',') || t.IsPunct(')')) {
				break
			}
			if t.IsPunct('(') {
				depth++
			} else if t.IsPunct(')') {
				depth--
			}
			if !isCol || depth != 0 {
				c.next()
				continue
			}
			switch {
			case t.Is("encode") && c.at(c.i+1).IsName():
				c.next()
				n, err := c.name()
				if err != nil {
					return err
				}
				ca.Encode, found = n, true
				b.blank(t.Start, c.at(c.i-1).End)
			case t.Is("distkey"):
				c.next()
				ca.DistKey, found = true, true
				b.blank(t.Start, t.End)
			case t.Is("sortkey"):
				c.next()
				ca.SortKey, found = true, true
				b.blank(t.Start, t.End)
			case t.Is("identity") && !c.at(c.i-1).Is("as"):
				c.next()
				id, err := identityArgs(c, true)
				if err != nil {
					return err
				}
				ca.Identity, found = id, true
				b.blank(t.Start, c.at(c.i-1).End)
			case t.Is("generated") && c.at(c.i+1).Is("by") && c.at(c.i+2).Is("default") &&
				c.at(c.i+3).Is("as") && c.at(c.i+4).Is("identity"):
				save := c.i
				c.i += 5
				if c.peek().IsPunct('(') && !isIntTok(c.at(c.i+1)) && !c.at(c.i+1).IsPunct('-') {
					c.i = save + 1 // PostgreSQL sequence options: leave for the grammar
					continue
				}
				id, err := identityArgs(c, false)
				if err != nil {
					return err
				}
				ca.Identity, found = id, true
				b.blank(t.Start, c.at(c.i-1).End)
			default:
				c.next()
			}
		}
		if found && first.IsName() {
			a := ca
			attrs.Columns[first.Word] = &a
		}
		if c.acceptPunct(',') {
			continue
		}
		if c.acceptPunct(')') {
			return nil
		}
	}
	return nil // let the grammar report the unbalanced list
}

func isIntTok(t Token) bool {
	return t.Word == "" && !t.IsString() && len(t.Raw) > 0 && t.Raw[0] >= '0' && t.Raw[0] <= '9'
}

// identityArgs reads (seed, step); without required the list may be absent
// (seed 1, step 1).
func identityArgs(c *cursor, required bool) (*ast.Identity, error) {
	id := &ast.Identity{Seed: 1, Step: 1}
	if !c.peek().IsPunct('(') {
		if required {
			return nil, c.errHere()
		}
		return id, nil
	}
	c.next()
	var err error
	if id.Seed, err = c.integer(); err != nil {
		return nil, err
	}
	if !c.acceptPunct(',') {
		return nil, c.errHere()
	}
	if id.Step, err = c.integer(); err != nil {
		return nil, err
	}
	if !c.acceptPunct(')') {
		return nil, c.errHere()
	}
	return id, nil
}

// stripTableAttrs consumes DISTSTYLE/DISTKEY/SORTKEY/BACKUP/ENCODE table
// attributes wherever they appear before AS or the end.
func stripTableAttrs(c *cursor, b *blanker, attrs *TableAttrs) error {
	for !c.eof() {
		t := c.peek()
		switch {
		case t.Is("diststyle"):
			c.next()
			w := c.next()
			ds, ok := distStyleOf(w.Word)
			if !ok {
				return c.syntaxError(w)
			}
			attrs.DistStyle = ds
		case t.Is("distkey"):
			c.next()
			names, err := c.nameList()
			if err != nil {
				return err
			}
			if len(names) != 1 {
				return sqlerr.Newf(sqlerr.SyntaxError, "DISTKEY takes exactly one column").WithPosition(charPos(c.text, t.Start))
			}
			attrs.DistKey = names[0]
		case t.Is("compound") || t.Is("interleaved") || t.Is("sortkey"):
			c.next()
			style := ast.SortCompound
			if t.Is("interleaved") {
				style = ast.SortInterleaved
			}
			if !t.Is("sortkey") && !c.accept("sortkey") {
				return c.errHere()
			}
			if t.Is("sortkey") && c.accept("auto") {
				attrs.SortStyle = ast.SortAuto
				break
			}
			names, err := c.nameList()
			if err != nil {
				return err
			}
			attrs.SortStyle, attrs.SortKey = style, names
		case t.Is("backup"):
			c.next()
			w := c.next()
			var v bool
			switch w.Word {
			case "yes":
				v = true
			case "no":
				v = false
			default:
				return c.syntaxError(w)
			}
			attrs.Backup = &v
		case t.Is("encode"):
			c.next()
			w := c.next()
			if !w.IsName() {
				return c.syntaxError(w)
			}
			attrs.EncodeAll = w.Word
		default:
			// AS query, WITH (...), ON COMMIT ...: the grammar's business.
			// Skip one token and keep looking only while not at AS.
			if t.Is("as") {
				return nil
			}
			c.next()
			continue
		}
		b.blank(t.Start, c.at(c.i-1).End)
	}
	return nil
}

// distStyleOf maps the word after DISTSTYLE to its style.
func distStyleOf(word string) (ast.DistStyle, bool) {
	switch word {
	case "auto":
		return ast.DistAuto, true
	case "even":
		return ast.DistEven, true
	case "key":
		return ast.DistKey, true
	case "all":
		return ast.DistAll, true
	}
	return ast.DistUnspecified, false
}
