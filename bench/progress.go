package bench

import (
	"bytes"
	"context"
	"io"
	"os"
	"strconv"
	"strings"
	"time"
)

// Progress tells how far a long phase of RunTPCH has got.
type Progress struct {
	// Phase is "generate" or "load".
	Phase string
	// Table is the table being generated or loaded ("orders" stands for
	// orders and lineitem while generating).
	Table string
	// Rows is the number of rows done so far and TotalRows the number
	// expected (0 when unknown). While loading both are estimated from the
	// bytes read and the average row width of the file's first megabyte;
	// the final report of a table (Done) has the exact count.
	Rows, TotalRows int64
	// Elapsed is the time since the table started.
	Elapsed time.Duration
	// Done is set on the last report of a table.
	Done bool
	// Estimated is set when Rows and TotalRows are estimates.
	Estimated bool
}

// RowsPerSecond is the rate so far (0 before any time has passed).
func (p Progress) RowsPerSecond() float64 {
	if p.Elapsed <= 0 {
		return 0
	}
	return float64(p.Rows) / p.Elapsed.Seconds()
}

// ETA estimates the time left for the table from the rate so far; ok is
// false when it cannot tell yet.
func (p Progress) ETA() (left time.Duration, ok bool) {
	if p.Done {
		return 0, true
	}
	rate := p.RowsPerSecond()
	if p.TotalRows <= 0 || rate <= 0 || p.Rows <= 0 {
		return 0, false
	}
	rest := max(p.TotalRows-p.Rows, 0)
	return time.Duration(float64(rest) / rate * float64(time.Second)), true
}

// progressInterval is how often a table's progress is reported while it loads.
const progressInterval = 200 * time.Millisecond

// rowWidth estimates the average bytes per row of a .tbl file from its
// first megabyte (0 when the file is empty or unreadable).
func rowWidth(file string) float64 {
	f, err := os.Open(file)
	if err != nil {
		return 0
	}
	defer f.Close()
	buf := make([]byte, 1<<20)
	n, _ := io.ReadFull(f, buf)
	lines := bytes.Count(buf[:n], []byte{'\n'})
	if lines == 0 {
		return float64(n)
	}
	return float64(n) / float64(lines)
}

// watchLoad reports the progress of the COPY that reads file until ctx is
// done. The engine's progress is its offset in the file, read from
// /proc/self/fdinfo (Linux); where that is not available only the end of
// the table is reported.
func watchLoad(ctx context.Context, table, file string, size int64, width float64, start time.Time, report func(Progress)) {
	t := time.NewTicker(progressInterval)
	defer t.Stop()
	fd := -1
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		var pos int64
		var ok bool
		if fd, pos, ok = fileOffset(file, fd); !ok || width <= 0 {
			continue
		}
		report(Progress{Phase: "load", Table: table, Elapsed: time.Since(start), Estimated: true,
			Rows: int64(float64(pos) / width), TotalRows: int64(float64(size) / width)})
	}
}

// fileOffset finds a descriptor of this process open on file (trying fd,
// the one found last time, first) and returns it with its current offset.
func fileOffset(file string, fd int) (int, int64, bool) {
	if fd >= 0 {
		if pos, ok := fdOffset(file, fd); ok {
			return fd, pos, true
		}
	}
	entries, err := os.ReadDir("/proc/self/fd")
	if err != nil {
		return -1, 0, false
	}
	for _, e := range entries {
		n, err := strconv.Atoi(e.Name())
		if err != nil || n == fd {
			continue
		}
		if pos, ok := fdOffset(file, n); ok {
			return n, pos, true
		}
	}
	return -1, 0, false
}

// fdOffset returns the offset of descriptor fd when it is open on file.
func fdOffset(file string, fd int) (int64, bool) {
	name := strconv.Itoa(fd)
	if target, err := os.Readlink("/proc/self/fd/" + name); err != nil || target != file {
		return 0, false
	}
	info, err := os.ReadFile("/proc/self/fdinfo/" + name)
	if err != nil {
		return 0, false
	}
	for line := range strings.Lines(string(info)) {
		if v, ok := strings.CutPrefix(line, "pos:"); ok {
			pos, err := strconv.ParseInt(strings.TrimSpace(v), 10, 64)
			return pos, err == nil
		}
	}
	return 0, false
}
