//go:build unix

package encoding

import (
	"syscall"
	"time"
)

// cpuTime is the process's user+system CPU time. Benchmarks report rows per
// CPU second beside rows per wall second, which stays meaningful on a
// machine shared with other work.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
