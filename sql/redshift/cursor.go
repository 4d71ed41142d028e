package redshift

import (
	"strconv"
	"unicode/utf8"

	"github.com/warehoused/warehoused/sqlerr"
)

// cursor walks a token slice; every accessor is safe past the end.
type cursor struct {
	text string
	toks []Token
	i    int
}

func (c *cursor) eof() bool { return c.i >= len(c.toks) }

func (c *cursor) peek() Token { return c.at(c.i) }

func (c *cursor) at(i int) Token {
	if i < 0 || i >= len(c.toks) {
		return Token{Start: len(c.text), End: len(c.text)}
	}
	return c.toks[i]
}

func (c *cursor) next() Token {
	t := c.peek()
	if c.i < len(c.toks) {
		c.i++
	}
	return t
}

// accept consumes the words in order if they all match, else nothing.
func (c *cursor) accept(words ...string) bool {
	for k, w := range words {
		if !c.at(c.i + k).Is(w) {
			return false
		}
	}
	c.i += len(words)
	return true
}

func (c *cursor) acceptPunct(ch byte) bool {
	if c.peek().IsPunct(ch) {
		c.i++
		return true
	}
	return false
}

// syntaxError reports a 42601 at token t, PostgreSQL style.
func (c *cursor) syntaxError(t Token) *sqlerr.Error {
	if t.Start >= len(c.text) {
		return sqlerr.Newf(sqlerr.SyntaxError, "syntax error at end of input").WithPosition(charPos(c.text, len(c.text)))
	}
	return sqlerr.Newf(sqlerr.SyntaxError, "syntax error at or near %q", t.Raw).WithPosition(charPos(c.text, t.Start))
}

// errHere is a syntax error at the current token.
func (c *cursor) errHere() *sqlerr.Error { return c.syntaxError(c.peek()) }

// charPos converts a byte offset into a 1-based character position.
func charPos(text string, off int) int {
	if off > len(text) {
		off = len(text)
	}
	if off < 0 {
		off = 0
	}
	return utf8.RuneCountInString(text[:off]) + 1
}

// name reads an identifier.
func (c *cursor) name() (string, error) {
	t := c.peek()
	if !t.IsName() {
		return "", c.errHere()
	}
	c.i++
	return t.Word, nil
}

// qualifiedName reads name[.name[.name]] and returns (schema, name); a
// three-part name drops the database.
func (c *cursor) qualifiedName() (schema, name string, err error) {
	parts := []string{}
	for {
		n, err := c.name()
		if err != nil {
			return "", "", err
		}
		parts = append(parts, n)
		if len(parts) < 3 && c.acceptPunct('.') {
			continue
		}
		break
	}
	if len(parts) == 1 {
		return "", parts[0], nil
	}
	return parts[len(parts)-2], parts[len(parts)-1], nil
}

// nameList reads ( name, ... ).
func (c *cursor) nameList() ([]string, error) {
	if !c.acceptPunct('(') {
		return nil, c.errHere()
	}
	var out []string
	for {
		n, err := c.name()
		if err != nil {
			return nil, err
		}
		out = append(out, n)
		if c.acceptPunct(',') {
			continue
		}
		if c.acceptPunct(')') {
			return out, nil
		}
		return nil, c.errHere()
	}
}

// str reads a string literal.
func (c *cursor) str() (string, error) {
	t := c.peek()
	if !t.IsString() {
		return "", c.errHere()
	}
	v, ok := StringValue(t.Raw)
	if !ok {
		return "", c.errHere()
	}
	c.i++
	return v, nil
}

// integer reads an optionally signed integer literal.
func (c *cursor) integer() (int64, error) {
	neg := false
	start := c.i
	if c.acceptPunct('-') {
		neg = true
	} else {
		c.acceptPunct('+')
	}
	t := c.peek()
	n, err := strconv.ParseInt(t.Raw, 10, 64)
	if err != nil || t.Word != "" || t.IsString() {
		c.i = start
		return 0, c.errHere()
	}
	c.i++
	if neg {
		n = -n
	}
	return n, nil
}
