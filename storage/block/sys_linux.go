package block

import "golang.org/x/sys/unix"

// PhysicalMemory returns the machine's RAM in bytes (1 GiB when unknown).
func PhysicalMemory() int64 {
	var si unix.Sysinfo_t
	if err := unix.Sysinfo(&si); err != nil || si.Totalram == 0 {
		return 1 << 30
	}
	return int64(si.Totalram) * int64(si.Unit)
}

// syncFS flushes every dirty file of the file system holding fd: one call
// for all the blocks of a commit instead of one fsync per file.
func syncFS(fd int) error { return unix.Syncfs(fd) }
