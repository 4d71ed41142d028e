package main

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"unicode"
	"unicode/utf8"
)

// errInterrupt is returned by readLine when the user pressed Ctrl-C.
var errInterrupt = errors.New("interrupt")

// lineEditor reads lines from a terminal in raw mode with emacs-style
// editing keys and an in-memory history (up/down arrows). The terminal
// handling (raw mode, width) is injected so that the editing logic can be
// tested with plain byte streams.
type lineEditor struct {
	in  *bufio.Reader
	out io.Writer
	// raw switches the terminal to raw mode and returns the function that
	// restores it; nil when there is nothing to switch (tests).
	raw func() (restore func(), err error)
	// width returns the terminal's width in columns (0 when unknown).
	width func() int

	history []string
	// The line being edited: its runes, the cursor position, the first
	// rune shown (long lines scroll sideways), the prompt.
	line   []rune
	pos    int
	scroll int
	prompt string
	// hist is the history entry being shown (len(history) = the new line),
	// saved the line being typed while browsing the history.
	hist  int
	saved []rune
}

// maxHistory bounds the in-memory history.
const maxHistory = 1000

// addHistory appends an entry unless it repeats the last one.
func (e *lineEditor) addHistory(s string) {
	if s == "" || len(e.history) > 0 && e.history[len(e.history)-1] == s {
		return
	}
	if len(e.history) == maxHistory {
		e.history = append(e.history[:0], e.history[1:]...)
	}
	e.history = append(e.history, s)
}

// readLine shows prompt and returns the line typed, without its end. It
// returns io.EOF for Ctrl-D on an empty line and errInterrupt for Ctrl-C.
func (e *lineEditor) readLine(prompt string) (string, error) {
	if e.raw != nil {
		restore, err := e.raw()
		if err != nil {
			return "", err
		}
		defer restore()
	}
	e.prompt, e.line, e.pos, e.scroll = prompt, e.line[:0], 0, 0
	e.hist, e.saved = len(e.history), nil
	e.redraw()
	for {
		r, _, err := e.in.ReadRune()
		if err != nil {
			if err == io.EOF && len(e.line) > 0 {
				e.finish()
				return string(e.line), nil
			}
			return "", err
		}
		switch r {
		case '\r', '\n':
			e.finish()
			return string(e.line), nil
		case 3: // Ctrl-C
			e.pos = len(e.line)
			e.redraw()
			fmt.Fprint(e.out, "^C\r\n")
			return "", errInterrupt
		case 4: // Ctrl-D: end of input on an empty line, else delete
			if len(e.line) == 0 {
				fmt.Fprint(e.out, "\r\n")
				return "", io.EOF
			}
			e.deleteAt(e.pos)
		case 1: // Ctrl-A
			e.pos = 0
		case 5: // Ctrl-E
			e.pos = len(e.line)
		case 2: // Ctrl-B
			e.pos = max(e.pos-1, 0)
		case 6: // Ctrl-F
			e.pos = min(e.pos+1, len(e.line))
		case 8, 127: // Backspace
			if e.pos > 0 {
				e.pos--
				e.deleteAt(e.pos)
			}
		case 11: // Ctrl-K: delete to the end
			e.line = e.line[:e.pos]
		case 21: // Ctrl-U: delete to the start
			e.line = append(e.line[:0], e.line[e.pos:]...)
			e.pos = 0
		case 23: // Ctrl-W: delete the word before the cursor
			start := e.wordLeft()
			e.line = append(e.line[:start], e.line[e.pos:]...)
			e.pos = start
		case 12: // Ctrl-L: clear the screen
			fmt.Fprint(e.out, "\x1b[H\x1b[2J")
		case 16: // Ctrl-P
			e.browse(-1)
		case 14: // Ctrl-N
			e.browse(1)
		case 27: // ESC: an escape sequence
			e.escape()
		case '\t':
			e.insert(' ') // no completion: a tab is a blank, as in SQL
		default:
			if r >= ' ' && r != utf8.RuneError {
				e.insert(r)
			}
		}
		e.redraw()
	}
}

// escape handles the keys that send escape sequences: arrows, Home, End,
// Delete, Alt-B and Alt-F.
func (e *lineEditor) escape() {
	b, err := e.in.ReadByte()
	if err != nil {
		return
	}
	switch b {
	case 'b', 'B':
		e.pos = e.wordLeft()
		return
	case 'f', 'F':
		e.pos = e.wordRight()
		return
	case '[', 'O':
	default:
		return
	}
	// CSI: parameters (digits and ';') up to a final byte.
	var param []byte
	for {
		c, err := e.in.ReadByte()
		if err != nil {
			return
		}
		if c >= 0x40 && c <= 0x7e {
			e.csi(c, string(param))
			return
		}
		param = append(param, c)
	}
}

func (e *lineEditor) csi(final byte, param string) {
	switch final {
	case 'A':
		e.browse(-1)
	case 'B':
		e.browse(1)
	case 'C':
		if param == "1;5" || param == "1;3" { // Ctrl/Alt-Right
			e.pos = e.wordRight()
		} else {
			e.pos = min(e.pos+1, len(e.line))
		}
	case 'D':
		if param == "1;5" || param == "1;3" {
			e.pos = e.wordLeft()
		} else {
			e.pos = max(e.pos-1, 0)
		}
	case 'H':
		e.pos = 0
	case 'F':
		e.pos = len(e.line)
	case '~':
		switch param {
		case "1", "7":
			e.pos = 0
		case "4", "8":
			e.pos = len(e.line)
		case "3":
			e.deleteAt(e.pos)
		}
	}
}

// browse moves through the history by d entries (-1 older, +1 newer).
func (e *lineEditor) browse(d int) {
	next := e.hist + d
	if next < 0 || next > len(e.history) {
		return
	}
	if e.hist == len(e.history) {
		e.saved = append(e.saved[:0], e.line...)
	}
	e.hist = next
	if next == len(e.history) {
		e.line = append(e.line[:0], e.saved...)
	} else {
		e.line = append(e.line[:0], []rune(e.history[next])...)
	}
	e.pos = len(e.line)
}

func (e *lineEditor) insert(r rune) {
	e.line = append(e.line, 0)
	copy(e.line[e.pos+1:], e.line[e.pos:])
	e.line[e.pos] = r
	e.pos++
}

func (e *lineEditor) deleteAt(i int) {
	if i < len(e.line) {
		e.line = append(e.line[:i], e.line[i+1:]...)
	}
}

// wordLeft is the start of the word before the cursor.
func (e *lineEditor) wordLeft() int {
	i := e.pos
	for i > 0 && !isWordRune(e.line[i-1]) {
		i--
	}
	for i > 0 && isWordRune(e.line[i-1]) {
		i--
	}
	return i
}

// wordRight is the end of the word after the cursor.
func (e *lineEditor) wordRight() int {
	i := e.pos
	for i < len(e.line) && !isWordRune(e.line[i]) {
		i++
	}
	for i < len(e.line) && isWordRune(e.line[i]) {
		i++
	}
	return i
}

func isWordRune(r rune) bool { return r == '_' || unicode.IsLetter(r) || unicode.IsDigit(r) }

// redraw rewrites the prompt and the visible part of the line and puts the
// cursor in place. A line wider than the terminal scrolls sideways, so the
// display never wraps (wrapping would break the "\r" redraw).
func (e *lineEditor) redraw() {
	promptW := utf8.RuneCountInString(e.prompt)
	avail := len(e.line) + 1
	if w := e.widthOrZero(); w > 0 {
		avail = max(w-promptW-1, 8)
	}
	if e.pos < e.scroll {
		e.scroll = e.pos
	}
	if e.pos > e.scroll+avail-1 {
		e.scroll = e.pos - avail + 1
	}
	if len(e.line) <= avail-1 {
		e.scroll = 0
	}
	end := min(len(e.line), e.scroll+avail-1)
	visible := string(e.line[e.scroll:end])
	fmt.Fprintf(e.out, "\r%s%s\x1b[K", e.prompt, visible)
	if back := end - e.pos; back > 0 {
		fmt.Fprintf(e.out, "\x1b[%dD", back)
	}
}

func (e *lineEditor) widthOrZero() int {
	if e.width == nil {
		return 0
	}
	return e.width()
}

// finish shows the whole line (it may have scrolled) and ends it.
func (e *lineEditor) finish() {
	e.pos = len(e.line)
	e.scroll = 0
	fmt.Fprintf(e.out, "\r%s%s\x1b[K\r\n", e.prompt, string(e.line))
}
