package main

import (
	"fmt"
	"io"
	"os"
	"runtime"
	"sync"
	"time"

	"github.com/warehoused/warehoused/bench"
)

// How often progress is shown: a terminal's status line is redrawn often,
// a log (pipe or file) gets a plain line now and then.
const (
	ttyRedraw     = 100 * time.Millisecond
	plainInterval = 5 * time.Second
)

// progress shows the long phases of a benchmark (generating, loading). On a
// terminal it keeps one status line that it rewrites in place; otherwise it
// writes plain lines. It is also the io.Writer for the runner's own lines,
// so that those never get mixed into the status line.
type progress struct {
	mu    sync.Mutex
	w     io.Writer
	tty   bool
	shown bool      // a status line is on the terminal
	last  time.Time // when the status was last drawn or printed
}

func newProgress(w io.Writer) *progress {
	return &progress{w: w, tty: isTerminal(w)}
}

// isTerminal reports whether w is a terminal that understands the escape
// to clear a line: asked of the terminal driver where we can (Linux), else
// judged by w being a character device.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok || os.Getenv("TERM") == "dumb" {
		return false
	}
	if _, ok := terminalFD(f); ok {
		return true
	}
	if runtime.GOOS == "linux" {
		return false // e.g. /dev/null, a character device but no terminal
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

// Write prints the runner's lines above the status line.
func (p *progress) Write(b []byte) (int, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.clearLocked()
	return p.w.Write(b)
}

// clear removes the status line.
func (p *progress) clear() {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.clearLocked()
}

func (p *progress) clearLocked() {
	if p.shown {
		fmt.Fprint(p.w, "\r\x1b[K")
		p.shown = false
	}
}

// report shows one progress report.
func (p *progress) report(r bench.Progress) {
	p.mu.Lock()
	defer p.mu.Unlock()
	now := time.Now()
	if r.Done {
		p.clearLocked()
		if r.Phase == "generate" {
			fmt.Fprintf(p.w, "generated %-15s %10d rows in %.2f s%s\n", tableLabel(r), r.Rows, r.Elapsed.Seconds(), rate(r))
		}
		p.last = time.Time{}
		return
	}
	if p.tty {
		if now.Sub(p.last) < ttyRedraw {
			return
		}
		fmt.Fprintf(p.w, "\r\x1b[K%s", statusText(r))
		p.shown = true
	} else {
		if p.last.IsZero() {
			p.last = now // the first line only after plainInterval
			return
		}
		if now.Sub(p.last) < plainInterval {
			return
		}
		fmt.Fprintln(p.w, statusText(r))
	}
	p.last = now
}

// statusText is e.g. "load lineitem: ~2.4M of ~6.0M rows (40%), 1.1M rows/s, ETA 3s"
// ("~": estimated from the bytes read).
func statusText(r bench.Progress) string {
	approx := ""
	if r.Estimated {
		approx = "~"
	}
	s := fmt.Sprintf("%s %s: %s%s", r.Phase, tableLabel(r), approx, count(float64(r.Rows)))
	if r.TotalRows > 0 {
		s += fmt.Sprintf(" of %s%s rows (%d%%)", approx, count(float64(r.TotalRows)), min(100, r.Rows*100/r.TotalRows))
	} else {
		s += " rows"
	}
	s += rate(r)
	if eta, ok := r.ETA(); ok {
		s += ", ETA " + eta.Round(time.Second).String()
	}
	return s
}

// tableLabel names what is being worked on: generating orders also makes
// lineitem, and part makes partsupp.
func tableLabel(r bench.Progress) string {
	if r.Phase == "generate" {
		switch r.Table {
		case "orders":
			return "orders+lineitem"
		case "part":
			return "part+partsupp"
		}
	}
	return r.Table
}

// rate is ", N rows/s", or "" when too little time has passed to tell.
func rate(r bench.Progress) string {
	if r.Elapsed < time.Millisecond || r.Rows == 0 {
		return ""
	}
	return fmt.Sprintf(", %s rows/s", count(r.RowsPerSecond()))
}

// count prints a count compactly: 950, 12.3k, 4.5M.
func count(n float64) string {
	switch {
	case n >= 1e9:
		return fmt.Sprintf("%.1fG", n/1e9)
	case n >= 1e6:
		return fmt.Sprintf("%.1fM", n/1e6)
	case n >= 1e4:
		return fmt.Sprintf("%.1fk", n/1e3)
	}
	return fmt.Sprintf("%.0f", n)
}
