package sqllogictest

import (
	"context"
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/warehoused/warehoused/sqlerr"
)

// Session runs SQL on one connection of the engine under test. Errors should
// carry a SQLSTATE that sqlerr.CodeOf can read.
type Session interface {
	// Exec runs a statement that returns no rows we look at.
	Exec(ctx context.Context, sql string) error
	// Query runs a statement and returns all its rows as text.
	Query(ctx context.Context, sql string) (*Result, error)
}

// Runner executes parsed files against sessions.
type Runner struct {
	// Engine names the engine for skipif/onlyif ("warehoused", "postgresql").
	Engine string
	// Rewrite makes RunFile produce the file with every query's expected
	// result (and column types) replaced by what the session returned.
	Rewrite bool
	// Vars are substituted into SQL text before it runs: each key K
	// written as __K__ becomes its value (e.g. __TESTDATA__, the absolute
	// path of testdata/sql, for COPY FROM files).
	Vars map[string]string
}

// expand substitutes r.Vars into sql.
func (r *Runner) expand(sql string) string {
	for k, v := range r.Vars {
		sql = strings.ReplaceAll(sql, "__"+k+"__", v)
	}
	return sql
}

// Failure is one record whose outcome differed from the file.
type Failure struct {
	Path string
	Line int
	SQL  string
	Msg  string // what differed: expected and actual
}

func (f Failure) String() string {
	return fmt.Sprintf("%s:%d: %s\nSQL:\n%s\n%s", f.Path, f.Line, firstLine(f.Msg), indent(f.SQL), rest(f.Msg))
}

func firstLine(s string) string { l, _, _ := strings.Cut(s, "\n"); return l }
func rest(s string) string      { _, r, _ := strings.Cut(s, "\n"); return r }

func indent(s string) string {
	if s == "" {
		return "    (none)"
	}
	return "    " + strings.ReplaceAll(s, "\n", "\n    ")
}

// edit replaces lines [start,end) of a file with repl.
type edit struct {
	start, end int
	repl       []string
}

// Outcome is the result of running one file.
type Outcome struct {
	Failures []Failure
	Ran      int      // records executed
	Lines    []string // the rewritten file when Runner.Rewrite is set
}

// RunFile runs every record of f on s, in order, stopping at halt.
func (r *Runner) RunFile(ctx context.Context, f *File, s Session) *Outcome {
	out := &Outcome{}
	var edits []edit
	for _, rec := range f.Records {
		if !rec.Applies(r.Engine) {
			continue
		}
		if rec.Kind == KindHalt {
			break
		}
		if err := ctx.Err(); err != nil {
			out.Failures = append(out.Failures, Failure{Path: f.Path, Line: rec.Line, SQL: rec.SQL, Msg: "context done: " + err.Error()})
			break
		}
		out.Ran++
		sql := r.expand(rec.SQL)
		var msg string
		var e *edit
		switch {
		case rec.ExpectError && rec.Kind == KindQuery:
			_, err := s.Query(ctx, sql)
			msg = checkError(rec, err)
		case rec.ExpectError:
			msg = checkError(rec, s.Exec(ctx, sql))
		case rec.Kind == KindStatement:
			if err := s.Exec(ctx, sql); err != nil {
				msg = fmt.Sprintf("statement failed: %s\nerror: [%s] %v", "expected ok", sqlerr.CodeOf(err), err)
			}
		default:
			msg, e = r.runQuery(ctx, f, rec, sql, s)
		}
		if msg != "" {
			out.Failures = append(out.Failures, Failure{Path: f.Path, Line: rec.Line, SQL: rec.SQL, Msg: msg})
		}
		if e != nil {
			edits = append(edits, *e)
		}
	}
	if r.Rewrite {
		out.Lines = applyEdits(f.Lines, edits)
	}
	return out
}

// checkError compares an error outcome with the record's expectation.
func checkError(rec *Record, err error) string {
	if err == nil {
		return fmt.Sprintf("expected an error, got none\nexpected: pgcode %s %s", rec.ErrCode, rec.ErrRegex)
	}
	code := string(sqlerr.CodeOf(err))
	if rec.ErrCode != "" && code != rec.ErrCode {
		return fmt.Sprintf("wrong SQLSTATE\nexpected: pgcode %s %s\nactual:   pgcode %s %v", rec.ErrCode, rec.ErrRegex, code, err)
	}
	if rec.ErrRegex != "" {
		re, rerr := regexp.Compile("(?i)" + rec.ErrRegex)
		if rerr != nil {
			return fmt.Sprintf("bad error regexp %q: %v", rec.ErrRegex, rerr)
		}
		if !re.MatchString(err.Error()) {
			return fmt.Sprintf("error message does not match\nexpected: %s\nactual:   pgcode %s %v", rec.ErrRegex, code, err)
		}
	}
	return ""
}

// runQuery runs one query record and, when rewriting, returns the edit that
// puts the actual result into the file.
func (r *Runner) runQuery(ctx context.Context, f *File, rec *Record, sql string, s Session) (string, *edit) {
	res, err := s.Query(ctx, sql)
	if err != nil {
		return fmt.Sprintf("query failed: [%s] %v", sqlerr.CodeOf(err), err), nil
	}
	act := renderedRows(res, rec.Sort)
	var e *edit
	if r.Rewrite {
		e = rewriteEdit(f, rec, res.Types, act)
	}
	if res.Types != rec.Types {
		return fmt.Sprintf("column types differ\nexpected: %s\nactual:   %s\n%s", rec.Types, res.Types, showRows(expectedRows(rec), act)), e
	}
	exp := expectedRows(rec)
	if !rowsMatch(rec.Types, rec.Sort, exp, act) {
		return fmt.Sprintf("result differs\n%s", showRows(exp, act)), e
	}
	return "", e
}

func showRows(exp, act [][]string) string {
	return fmt.Sprintf("expected:\n%s\nactual:\n%s", indent(strings.Join(formatLines(exp), "\n")), indent(strings.Join(formatLines(act), "\n")))
}

// rewriteEdit builds the edit replacing a query's header and result block.
func rewriteEdit(f *File, rec *Record, types string, act [][]string) *edit {
	lines := formatLines(act)
	header := f.Lines[rec.HeaderLine]
	fields := strings.Fields(header)
	if len(fields) >= 2 && types != "" && fields[1] != types {
		fields[1] = types
		header = strings.Join(fields, " ")
	}
	// Replace from the header through the end of the old result block.
	repl := []string{header}
	repl = append(repl, f.Lines[rec.HeaderLine+1:rec.SQLEnd]...)
	end := rec.SQLEnd
	if rec.ResultStart >= 0 {
		end = rec.ResultEnd
	}
	if len(lines) > 0 || rec.ResultStart >= 0 {
		repl = append(repl, "----")
		repl = append(repl, lines...)
	}
	return &edit{start: rec.HeaderLine, end: end, repl: repl}
}

// applyEdits applies non-overlapping edits to lines.
func applyEdits(lines []string, edits []edit) []string {
	slices.SortFunc(edits, func(a, b edit) int { return a.start - b.start })
	var out []string
	pos := 0
	for _, e := range edits {
		out = append(out, lines[pos:e.start]...)
		out = append(out, e.repl...)
		pos = e.end
	}
	return append(out, lines[pos:]...)
}

// ConfigRuns expands a file's "# config:" directive into one map per run: the
// cross product of the listed values, or a single empty map when there is none.
func (f *File) ConfigRuns() []map[string]string {
	runs := []map[string]string{{}}
	keys := make([]string, 0, len(f.Configs))
	for k := range f.Configs {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		var next []map[string]string
		for _, base := range runs {
			for _, v := range f.Configs[k] {
				m := map[string]string{k: v}
				for bk, bv := range base {
					m[bk] = bv
				}
				next = append(next, m)
			}
		}
		runs = next
	}
	return runs
}

// ConfigName names a config run for subtest names, e.g. "batch-size=7".
func ConfigName(m map[string]string) string {
	if len(m) == 0 {
		return "default"
	}
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	var parts []string
	for _, k := range keys {
		parts = append(parts, k+"="+m[k])
	}
	return strings.Join(parts, ",")
}
