package main

import (
	"bufio"
	"errors"
	"io"
	"strings"
	"testing"
)

// editLines feeds keys to a line editor and returns the lines it read.
func editLines(t *testing.T, history []string, keys string) ([]string, error) {
	t.Helper()
	var out strings.Builder
	e := &lineEditor{in: bufio.NewReader(strings.NewReader(keys)), out: &out}
	for _, h := range history {
		e.addHistory(h)
	}
	var lines []string
	for {
		l, err := e.readLine("> ")
		if err != nil {
			return lines, err
		}
		lines = append(lines, l)
		e.addHistory(l)
	}
}

func TestLineEditor(t *testing.T) {
	const (
		up, down, left, right = "\x1b[A", "\x1b[B", "\x1b[D", "\x1b[C"
		home, end, del        = "\x1b[H", "\x1b[F", "\x1b[3~"
	)
	for _, c := range []struct {
		name    string
		history []string
		keys    string
		want    []string
		err     error
	}{
		{"plain", nil, "SELECT 1;\r", []string{"SELECT 1;"}, io.EOF},
		{"newline ends too", nil, "a\nb\n", []string{"a", "b"}, io.EOF},
		{"insert in the middle", nil, "SELET" + left + "C\r", []string{"SELECT"}, io.EOF},
		{"backspace", nil, "SELECTT\x7f;\r", []string{"SELECT;"}, io.EOF},
		{"home and end", nil, "ELECT" + home + "S" + end + ";\r", []string{"SELECT;"}, io.EOF},
		{"ctrl-a, ctrl-e, delete", nil, "xSELECT\x01" + del + "\x05;\r", []string{"SELECT;"}, io.EOF},
		{"history up", []string{"SELECT 1;", "SELECT 2;"}, up + up + "\r", []string{"SELECT 1;"}, io.EOF},
		{"history down back to the typed line", []string{"SELECT 1;"}, "abc" + up + down + "d\r", []string{"abcd"}, io.EOF},
		{"history of this session", nil, "SELECT 7;\r" + up + "\r", []string{"SELECT 7;", "SELECT 7;"}, io.EOF},
		{"up past the oldest stays", []string{"a"}, up + up + up + "\r", []string{"a"}, io.EOF},
		{"ctrl-u and ctrl-k", nil, "junk SELECT\x01\x1b[C\x1b[C\x1b[C\x1b[C\x1b[C\x15" + end + " 1\x01\x1b[C\x0b\r", []string{"S"}, io.EOF},
		{"ctrl-w deletes a word", nil, "SELECT foo\x17;\r", []string{"SELECT ;"}, io.EOF},
		{"ctrl-c", nil, "SELECT\x03", nil, errInterrupt},
		{"ctrl-d on an empty line", nil, "\x04", nil, io.EOF},
		{"ctrl-d deletes under the cursor", nil, "ab" + left + "\x04\r", []string{"a"}, io.EOF},
		{"word moves", nil, "one two" + "\x1bb" + "X" + "\x1bf" + "Y\r", []string{"one XtwoY"}, io.EOF},
		{"ctrl-arrows", nil, "one two\x1b[1;5D" + "X\r", []string{"one Xtwo"}, io.EOF},
		{"utf-8", nil, "é" + left + "à\r", []string{"àé"}, io.EOF},
		{"last line without an end", nil, "SELECT 1;", []string{"SELECT 1;"}, io.EOF},
	} {
		lines, err := editLines(t, c.history, c.keys)
		if !errors.Is(err, c.err) || strings.Join(lines, "|") != strings.Join(c.want, "|") {
			t.Errorf("%s: got %q, %v; want %q, %v", c.name, lines, err, c.want, c.err)
		}
	}
}

func TestLineEditorScrolls(t *testing.T) {
	var out strings.Builder
	e := &lineEditor{in: bufio.NewReader(strings.NewReader(strings.Repeat("x", 50) + "\r")), out: &out,
		width: func() int { return 20 }}
	l, err := e.readLine("> ")
	if err != nil || len(l) != 50 {
		t.Fatalf("%q %v", l, err)
	}
	// Every redraw fits the terminal: prompt (2) + at most 17 runes.
	for _, draw := range strings.Split(out.String(), "\r")[1:] {
		draw = strings.TrimSuffix(draw, "\x1b[K")
		if strings.HasPrefix(draw, "> "+strings.Repeat("x", 50)) || draw == "\n" {
			continue // the final line is printed whole
		}
		if len(draw) > 19 {
			t.Fatalf("redraw wider than the terminal: %q", draw)
		}
	}
}

func TestRememberStatement(t *testing.T) {
	var got []string
	remember := func(s string) { got = append(got, s) }
	rememberStatement(remember, []string{"SELECT a", "  FROM t;"})
	rememberStatement(remember, []string{"SELECT a -- x", "FROM t;"})
	want := []string{"SELECT a FROM t;", "SELECT a -- x", "FROM t;"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("got %q", got)
	}
}

// TestSQLInteractivePipe feeds a session through a pipe: multi-line
// statements, an error with its SQLSTATE that does not end the session,
// the history, and \q.
func TestSQLInteractivePipe(t *testing.T) {
	in := "SELECT 1/0;\n\nSELECT\n  2 AS b\n;\n\\s\n\\x\n\\q\nSELECT 3;\n"
	code, out, errOut := runCLI(t, in, "sql")
	if code != 1 {
		t.Errorf("exit %d, want 1 after a failed statement", code)
	}
	if !strings.Contains(errOut, "division by zero") || !strings.Contains(errOut, "SQLSTATE: 22012") || !strings.Contains(errOut, `invalid command \x`) {
		t.Errorf("stderr %q", errOut)
	}
	if !strings.Contains(out, " b\n---\n 2\n(1 row)") || !strings.Contains(out, "2  SELECT\n  2 AS b\n;") || strings.Contains(out, " 3\n") {
		t.Errorf("stdout %q", out)
	}
	if strings.Contains(out, promptNew) {
		t.Errorf("prompt shown on a pipe: %q", out)
	}
}
