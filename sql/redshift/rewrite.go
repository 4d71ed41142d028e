package redshift

import (
	"strings"

	"github.com/warehoused/warehoused/sql/ast"
	"github.com/warehoused/warehoused/sqlerr"
)

// Result is what Rewrite made of one statement.
type Result struct {
	// Stmt is set when the statement was parsed here entirely (VACUUM,
	// ANALYZE, UNLOAD).
	Stmt ast.Stmt
	// Text is the statement to hand to PostgreSQL's grammar: the input with
	// Redshift-only parts overwritten by spaces (byte offsets unchanged).
	Text string
	// Table holds CREATE TABLE attributes that were blanked out.
	Table *TableAttrs
	// NoSchemaBinding: CREATE VIEW ... WITH NO SCHEMA BINDING was blanked out.
	NoSchemaBinding bool
	// Shifts lists where Text grew or shrank relative to the input (DELETE t
	// → DELETE FROM t, MINUS → EXCEPT, TOP n → trailing LIMIT n), in order;
	// Original maps a Text offset back to the input.
	Shifts []Shift
	edits  []edit
	// RoleOptions are CREATE/ALTER USER options PostgreSQL lacks (SYSLOG
	// ACCESS, SESSION TIMEOUT), blanked out of Text.
	RoleOptions []*ast.RoleOption
	// ApproxCounts holds the input offsets of COUNT tokens written
	// APPROXIMATE COUNT(DISTINCT ...) (APPROXIMATE blanked out of Text).
	ApproxCounts []int
	// DistinctCalls holds the input offsets of LISTAGG calls whose DISTINCT
	// was blanked out of Text (PostgreSQL rejects DISTINCT with WITHIN GROUP).
	DistinctCalls []int
}

// Rewrite inspects one statement (text and its tokens). Errors are 42601 for
// malformed Redshift syntax and 0A000 for Redshift features we do not support;
// positions are 1-based characters within text.
func Rewrite(text string, toks []Token) (*Result, error) {
	res, err := rewrite(text, toks)
	if err != nil || res.Stmt != nil || len(res.edits) == 0 {
		return res, err
	}
	res.Text, res.Shifts = applyEdits(res.Text, res.edits)
	res.edits = nil
	return res, nil
}

// Shift says Text has Delta more bytes than the input from Text offset At on.
type Shift struct{ At, Delta int }

// Original maps an offset into Text back to an offset into the input.
func (r *Result) Original(off int) int {
	d := 0
	for _, s := range r.Shifts {
		if off >= s.At {
			d += s.Delta
		}
	}
	if off-d < 0 {
		return 0
	}
	return off - d
}

// edit replaces input bytes [start, end) with repl.
type edit struct {
	start, end int
	repl       string
}

// applyEdits applies non-overlapping edits sorted by start.
func applyEdits(text string, edits []edit) (string, []Shift) {
	var b strings.Builder
	var shifts []Shift
	prev, delta := 0, 0
	for _, e := range edits {
		if e.start < prev || e.end < e.start || e.end > len(text) {
			continue
		}
		b.WriteString(text[prev:e.start])
		b.WriteString(e.repl)
		d := len(e.repl) - (e.end - e.start)
		if d != 0 {
			shifts = append(shifts, Shift{At: e.start + delta + min(len(e.repl), e.end-e.start), Delta: d})
		}
		delta += d
		prev = e.end
	}
	b.WriteString(text[prev:])
	return b.String(), shifts
}

func rewrite(text string, toks []Token) (*Result, error) {
	res := &Result{Text: text}
	text = rewriteAggregates(text, toks, res)
	res.Text = text
	c := &cursor{text: text, toks: toks}
	first := c.peek()
	switch {
	case first.Is("vacuum"):
		c.next()
		st, err := parseVacuum(c)
		res.Stmt = st
		return res, err
	case first.Is("analyze") || first.Is("analyse"):
		c.next()
		st, err := parseAnalyze(c)
		res.Stmt = st
		return res, err
	case first.Is("unload"):
		c.next()
		st, err := parseUnload(c)
		res.Stmt = st
		return res, err
	case (first.Is("create") || first.Is("alter")) && (c.at(1).Is("user") || c.at(1).Is("role")):
		rewriteUser(c, res)
		return res, nil
	case first.Is("alter") && c.at(1).Is("table"):
		c.i = 2
		st, err := parseAlterTable(c)
		if err != nil {
			return nil, err
		}
		if st != nil {
			res.Stmt = st
			return res, nil
		}
		rewriteAddColumn(c, res)
		return res, nil
	case first.Is("explain"):
		// Rewrite the explained statement in place.
		k := 1
		if c.at(1).IsPunct('(') {
			for k < len(toks) && !toks[k].IsPunct(')') {
				k++
			}
			k++
		} else {
			for c.at(k).Is("analyze") || c.at(k).Is("analyse") || c.at(k).Is("verbose") {
				k++
			}
		}
		if k >= len(toks) {
			return res, nil
		}
		inner, err := Rewrite(text, toks[k:])
		if err != nil || inner.Stmt != nil {
			return res, err // EXPLAIN VACUUM etc.: let the grammar complain
		}
		return inner, nil
	case first.Is("select") || first.Is("with") || first.IsPunct('('):
		rewriteTop(c, res)
		res.edits = append(minusEdits(toks), res.edits...)
		return res, nil
	case first.Is("insert"):
		res.edits = minusEdits(toks)
		return res, nil
	case first.Is("delete") && len(toks) > 1 && !c.at(1).Is("from"):
		// Redshift's FROM is optional: DELETE t WHERE ...
		res.edits = append(res.edits, edit{first.End, first.End, " FROM"})
		res.edits = append(res.edits, minusEdits(toks)...)
		return res, nil
	case first.Is("create"):
		c.next()
		c.accept("or", "replace")
		if c.accept("external") {
			w := c.peek().Word
			return nil, sqlerr.Newf(sqlerr.FeatureNotSupported, "CREATE EXTERNAL %s is not supported", strings.ToUpper(w))
		}
		_ = c.accept("local") || c.accept("global")
		_ = c.accept("temp") || c.accept("temporary")
		if c.accept("table") {
			return res, rewriteCreateTable(c, res)
		}
		if c.accept("view") {
			rewriteView(c, res)
		}
		if c.accept("schema") {
			rewriteSchemaQuota(c, res)
		}
	}
	return res, nil
}

// rewriteView blanks a trailing WITH NO SCHEMA BINDING.
func rewriteView(c *cursor, res *Result) {
	n := len(c.toks)
	if n >= 4 && c.toks[n-4].Is("with") && c.toks[n-3].Is("no") && c.toks[n-2].Is("schema") && c.toks[n-1].Is("binding") {
		b := &blanker{buf: []byte(c.text)}
		b.blank(c.toks[n-4].Start, c.toks[n-1].End)
		res.Text = string(b.buf)
		res.NoSchemaBinding = true
	}
}

// parseVacuum: VACUUM [FULL|SORT ONLY|DELETE ONLY|REINDEX|RECLUSTER] [t] [TO n PERCENT] [BOOST].
// PostgreSQL's VERBOSE/ANALYZE words are accepted and ignored.
func parseVacuum(c *cursor) (*ast.VacuumStmt, error) {
	st := &ast.VacuumStmt{Mode: "full"}
	switch {
	case c.accept("full"):
	case c.accept("sort", "only"):
		st.Mode = "sort only"
	case c.accept("delete", "only"):
		st.Mode = "delete only"
	case c.accept("reindex"):
		st.Mode = "reindex"
	case c.accept("recluster"):
		st.Mode = "recluster"
	}
	for c.accept("verbose") || c.accept("analyze") { //nolint:revive // skip any number
	}
	if c.peek().IsName() && !c.peek().Is("to") && !c.peek().Is("boost") {
		s, n, err := c.qualifiedName()
		if err != nil {
			return nil, err
		}
		st.Table = &ast.TableName{Schema: s, Name: n, Loc: -1}
	}
	if c.accept("to") {
		n, err := c.integer()
		if err != nil {
			return nil, err
		}
		if !c.accept("percent") {
			return nil, c.errHere()
		}
		st.ToPercent = int(n)
	}
	if c.accept("boost") {
		st.Boost = true
	}
	if !c.eof() {
		return nil, c.errHere()
	}
	return st, nil
}

// parseAnalyze: ANALYZE [VERBOSE] [t [(cols)]] [PREDICATE COLUMNS|ALL COLUMNS]
// and ANALYZE COMPRESSION [t [(cols)]] [COMPROWS n].
func parseAnalyze(c *cursor) (*ast.AnalyzeStmt, error) {
	st := &ast.AnalyzeStmt{}
	c.accept("verbose")
	if c.accept("compression") {
		st.Compression = true
	}
	if c.peek().IsName() && !c.peek().Is("comprows") && !c.peek().Is("predicate") &&
		!(c.peek().Is("all") && c.at(c.i+1).Is("columns")) {
		s, n, err := c.qualifiedName()
		if err != nil {
			return nil, err
		}
		st.Table = &ast.TableName{Schema: s, Name: n, Loc: -1}
		if c.peek().IsPunct('(') {
			cols, err := c.nameList()
			if err != nil {
				return nil, err
			}
			st.Columns = cols
		}
	}
	for !c.eof() {
		switch {
		case c.accept("predicate", "columns"), c.accept("all", "columns"):
		case c.accept("comprows"):
			n, err := c.integer()
			if err != nil {
				return nil, err
			}
			st.ComprRows = n
		default:
			return nil, c.errHere()
		}
	}
	return st, nil
}

// rewriteUser maps Redshift's user options onto PostgreSQL's grammar, keeping
// every byte offset: CREATEUSER → SUPERUSER, PASSWORD DISABLE → PASSWORD NULL,
// CONNECTION LIMIT UNLIMITED → -1; SYSLOG ACCESS x and SESSION TIMEOUT n are
// blanked out and returned in RoleOptions.
func rewriteUser(c *cursor, res *Result) {
	buf := []byte(c.text)
	b := &blanker{buf: buf}
	put := func(t Token, s string) {
		b.blank(t.Start, t.End)
		copy(buf[t.Start:t.End], s)
	}
	for i := 2; i < len(c.toks); i++ {
		t := c.toks[i]
		switch {
		case t.Is("createuser"):
			put(t, "superuser")
		case t.Is("nocreateuser"):
			put(t, "nosuperuser")
		case t.Is("disable") && c.at(i-1).Is("password"):
			put(t, "null")
		case t.Is("unlimited") && c.at(i-1).Is("limit"):
			put(t, "-1")
		case t.Is("syslog") && c.at(i+1).Is("access") && c.at(i+2).IsName():
			res.RoleOptions = append(res.RoleOptions, &ast.RoleOption{Name: "syslog access", Value: c.at(i + 2).Word})
			b.blank(t.Start, c.at(i+2).End)
			i += 2
		case t.Is("session") && c.at(i+1).Is("timeout") && isIntTok(c.at(i+2)):
			res.RoleOptions = append(res.RoleOptions, &ast.RoleOption{Name: "session timeout", Value: c.at(i + 2).Raw})
			b.blank(t.Start, c.at(i+2).End)
			i += 2
		}
	}
	res.Text = string(buf)
}

// rewriteTop turns Redshift's `SELECT [DISTINCT|ALL] TOP n ...` into
// `SELECT ... LIMIT n`: TOP n is blanked and " LIMIT n" appended at the end,
// so every earlier byte offset is unchanged. Statements that already have a
// top-level LIMIT are left to the grammar.
func rewriteTop(c *cursor, res *Result) {
	i := 1
	if c.at(i).Is("distinct") || c.at(i).Is("all") {
		i++
	}
	top, n := c.at(i), c.at(i+1)
	if !top.Is("top") || !isIntTok(n) {
		return
	}
	depth := 0
	for _, t := range c.toks {
		switch {
		case t.IsPunct('('):
			depth++
		case t.IsPunct(')'):
			depth--
		case depth == 0 && (t.Is("limit") || t.Is("fetch")):
			return
		}
	}
	b := &blanker{buf: []byte(c.text)}
	b.blank(top.Start, n.End)
	res.Text = string(b.buf)
	res.edits = append(res.edits, edit{len(c.text), len(c.text), " LIMIT " + n.Raw})
}

// minusEdits turns Redshift's MINUS set operator into EXCEPT.
func minusEdits(toks []Token) []edit {
	var out []edit
	for i := 1; i+1 < len(toks); i++ {
		t, next, prev := toks[i], toks[i+1], toks[i-1]
		if t.Is("minus") && (next.Is("select") || next.IsPunct('(') || next.Is("all") || next.Is("distinct")) &&
			!prev.Is("as") && !prev.IsPunct(',') && !prev.IsPunct('(') {
			out = append(out, edit{t.Start, t.End, "except"})
		}
	}
	return out
}

// rewriteSchemaQuota blanks Redshift's QUOTA {n [MB|GB|TB] | UNLIMITED}.
func rewriteSchemaQuota(c *cursor, res *Result) {
	for i, t := range c.toks {
		if !t.Is("quota") {
			continue
		}
		end := i + 1
		if c.at(end).Is("unlimited") {
			end++
		} else if isIntTok(c.at(end)) {
			end++
			if w := c.at(end).Word; w == "mb" || w == "gb" || w == "tb" {
				end++
			}
		} else {
			return
		}
		b := &blanker{buf: []byte(c.text)}
		b.blank(t.Start, c.at(end-1).End)
		res.Text = string(b.buf)
		return
	}
}

// rewriteAddColumn blanks ENCODE x / DISTKEY / SORTKEY in ALTER TABLE t ADD
// [COLUMN] c type ..., recording them in Table.Columns.
func rewriteAddColumn(c *cursor, res *Result) {
	for i, t := range c.toks {
		if !t.Is("add") {
			continue
		}
		j := i + 1
		if c.at(j).Is("column") {
			j++
		}
		if c.at(j).Is("if") && c.at(j+1).Is("not") && c.at(j+2).Is("exists") {
			j += 3
		}
		col := c.at(j)
		if !col.IsName() {
			return
		}
		b := &blanker{buf: []byte(c.text)}
		ca := &ColumnAttrs{}
		found := false
		depth := 0
		for k := j + 1; k < len(c.toks); k++ {
			tk := c.toks[k]
			switch {
			case tk.IsPunct('('):
				depth++
			case tk.IsPunct(')'):
				depth--
			case depth == 0 && tk.Is("encode") && c.at(k+1).IsName():
				ca.Encode, found = c.at(k+1).Word, true
				b.blank(tk.Start, c.at(k+1).End)
				k++
			case depth == 0 && tk.Is("distkey"):
				ca.DistKey, found = true, true
				b.blank(tk.Start, tk.End)
			case depth == 0 && tk.Is("sortkey"):
				ca.SortKey, found = true, true
				b.blank(tk.Start, tk.End)
			}
		}
		if found {
			res.Text = string(b.buf)
			res.Table = &TableAttrs{Columns: map[string]*ColumnAttrs{col.Word: ca}}
		}
		return
	}
}
