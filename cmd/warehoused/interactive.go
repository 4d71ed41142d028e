package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
)

// Prompts of the interactive shell: a new statement, and its continuation.
const (
	promptNew  = "warehoused=> "
	promptMore = "warehoused-> "
)

// lineSource reads one line of input after showing prompt ("" for none).
type lineSource struct {
	read func(prompt string) (string, error)
	// remember adds an entry to the line editor's history (nil: none).
	remember func(string)
	// editing is set on a terminal with the line editor: Ctrl-C then
	// cancels the running statement instead of ending the shell.
	editing bool
}

// newLineSource picks how to read: the line editor when both ends are a
// terminal, else plain lines (with prompts when the input is a terminal).
func (sh *shell) newLineSource(in io.Reader) lineSource {
	inFile, _ := in.(*os.File)
	outFile, _ := sh.out.(*os.File)
	if inFile != nil && outFile != nil {
		inFD, inTTY := terminalFD(inFile)
		outFD, outTTY := terminalFD(outFile)
		if inTTY && outTTY {
			ed := &lineEditor{
				in:    bufio.NewReader(inFile),
				out:   outFile,
				raw:   func() (func(), error) { return makeRaw(inFD) },
				width: func() int { return termWidth(outFD) },
			}
			return lineSource{read: ed.readLine, remember: ed.addHistory, editing: true}
		}
	}
	tty := false
	if inFile != nil {
		if st, err := inFile.Stat(); err == nil && st.Mode()&os.ModeCharDevice != 0 {
			tty = true
		}
	}
	sc := bufio.NewScanner(in)
	sc.Buffer(make([]byte, 1<<20), 64<<20)
	return lineSource{read: func(prompt string) (string, error) {
		if tty {
			fmt.Fprint(sh.out, prompt)
		}
		if !sc.Scan() {
			if err := sc.Err(); err != nil {
				return "", err
			}
			return "", io.EOF
		}
		return sc.Text(), nil
	}}
}

// interactive reads statements (ending in ';') from in until EOF or \q and
// runs each when it is complete. History is kept in memory (\s shows it;
// on a terminal the arrow keys recall it). Errors are reported with their
// SQLSTATE and the shell goes on. Reading from a pipe, the exit status is 1
// if any statement failed.
func (sh *shell) interactive(ctx context.Context, in io.Reader) int {
	src := sh.newLineSource(in)
	if src.editing {
		// Ctrl-C cancels the statement that runs (see runInterruptible), not
		// the shell: the signal must not end the session's context.
		ctx = context.WithoutCancel(ctx)
	}
	var history []string // complete statements, for \s
	var lines []string   // the lines of the statement being typed
	status := 0
	for {
		prompt := promptNew
		if len(lines) > 0 {
			prompt = promptMore
		}
		line, err := src.read(prompt)
		if errors.Is(err, errInterrupt) {
			lines = nil // Ctrl-C drops the statement being typed, like psql
			continue
		}
		if err != nil {
			if !errors.Is(err, io.EOF) {
				printError(sh.errw, err)
				status = 1
			}
			break
		}
		trim := strings.TrimSpace(line)
		if len(lines) == 0 && strings.HasPrefix(trim, `\`) {
			if src.remember != nil {
				src.remember(trim)
			}
			if sh.meta(trim, history) {
				return status
			}
			continue
		}
		if len(lines) == 0 && trim == "" {
			continue
		}
		lines = append(lines, line)
		text := strings.Join(lines, "\n")
		if !complete(text) {
			continue
		}
		if src.remember != nil {
			rememberStatement(src.remember, lines)
		}
		lines = nil
		history = append(history, text)
		var runErr error
		if src.editing {
			runErr = sh.runInterruptible(ctx, text)
		} else {
			runErr = sh.runText(ctx, text)
		}
		if runErr != nil {
			printError(sh.errw, runErr)
			if !src.editing {
				status = 1 // a script fed through a pipe failed; a person saw the error
			}
			if ctx.Err() != nil {
				return status
			}
		}
	}
	if rest := strings.TrimSpace(strings.Join(lines, "\n")); rest != "" {
		if err := sh.runText(ctx, rest); err != nil {
			printError(sh.errw, err)
			status = 1
		}
	}
	return status
}

// meta runs a backslash command; it reports whether the shell should quit.
func (sh *shell) meta(cmd string, history []string) (quit bool) {
	switch cmd {
	case `\q`, `\quit`:
		return true
	case `\s`:
		for i, h := range history {
			fmt.Fprintf(sh.out, "%d  %s\n", i+1, h)
		}
	case `\?`, `\h`, `\help`:
		fmt.Fprintln(sh.out, `statements end with ';' and may span lines
\q   quit
\s   show the history of this session
\?   this help
on a terminal: up/down recall history, Ctrl-C drops the line or cancels the running statement, Ctrl-D quits`)
	default:
		fmt.Fprintf(sh.errw, "invalid command %s\nTry \\? for help.\n", cmd)
	}
	return false
}

// rememberStatement adds a statement to the line editor's history: a
// statement typed over several lines becomes one line (so that one arrow
// press recalls it), unless a "--" comment would swallow the rest.
func rememberStatement(remember func(string), lines []string) {
	if len(lines) > 1 && !strings.Contains(strings.Join(lines, "\n"), "--") {
		parts := make([]string, 0, len(lines))
		for _, l := range lines {
			if t := strings.TrimSpace(l); t != "" {
				parts = append(parts, t)
			}
		}
		remember(strings.Join(parts, " "))
		return
	}
	for _, l := range lines {
		remember(l)
	}
}

// runInterruptible runs text with a context that Ctrl-C (SIGINT) cancels.
func (sh *shell) runInterruptible(ctx context.Context, text string) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	sig := make(chan os.Signal, 1)
	signal.Notify(sig, os.Interrupt)
	defer signal.Stop(sig)
	go func() {
		select {
		case <-sig:
			cancel()
		case <-ctx.Done():
		}
	}()
	return sh.runText(ctx, text)
}

// complete reports whether text ends with a ';' outside quotes and
// comments: '…' (with E'…' backslash escapes), "…", $tag$…$tag$, -- and
// nested /* */ comments, as PostgreSQL's lexer reads them.
func complete(text string) bool {
	last := false
	for i := 0; i < len(text); i++ {
		c := text[i]
		switch {
		case c == '\'' || c == '"':
			escapes := c == '\'' && i > 0 && (text[i-1] == 'E' || text[i-1] == 'e') && (i == 1 || !isIdentByte(text[i-2]))
			j := i + 1
			for ; j < len(text) && text[j] != c; j++ {
				if escapes && text[j] == '\\' {
					j++
				}
			}
			if j >= len(text) {
				return false
			}
			i = j
			last = false
		case c == '-' && i+1 < len(text) && text[i+1] == '-':
			end := strings.IndexByte(text[i:], '\n')
			if end < 0 {
				return last
			}
			i += end
		case c == '/' && i+1 < len(text) && text[i+1] == '*':
			depth := 1
			j := i + 2
			for ; j < len(text) && depth > 0; j++ {
				switch {
				case text[j] == '*' && j+1 < len(text) && text[j+1] == '/':
					depth--
					j++
				case text[j] == '/' && j+1 < len(text) && text[j+1] == '*':
					depth++
					j++
				}
			}
			if depth > 0 {
				return false
			}
			i = j - 1
		case c == '$' && (i == 0 || !isIdentByte(text[i-1])):
			tag, ok := dollarTag(text[i:])
			if !ok {
				last = false
				continue
			}
			end := strings.Index(text[i+len(tag):], tag)
			if end < 0 {
				return false
			}
			i += len(tag) + end + len(tag) - 1
			last = false
		case c == ';':
			last = true
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
		default:
			last = false
		}
	}
	return last
}

// dollarTag returns the opening "$tag$" at the start of s, if there is one.
func dollarTag(s string) (string, bool) {
	for j := 1; j < len(s); j++ {
		switch c := s[j]; {
		case c == '$':
			return s[:j+1], true
		case c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= 0x80 || j > 1 && c >= '0' && c <= '9':
		default:
			return "", false
		}
	}
	return "", false
}

func isIdentByte(c byte) bool {
	return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c >= 0x80
}
