//go:build !linux

package block

import "errors"

// PhysicalMemory returns a conservative guess where the OS gives no easy
// answer.
func PhysicalMemory() int64 { return 4 << 30 }

// syncFS is Linux-only; Commit falls back to one fsync per new file.
func syncFS(int) error { return errors.New("syncfs is not available") }
