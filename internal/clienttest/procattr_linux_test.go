package clienttest

import (
	"os/exec"
	"syscall"
)

// killWithParent makes the kernel kill a server we started if this test
// binary dies first (a panic or `go test -timeout`), so none is orphaned.
func killWithParent(cmd *exec.Cmd) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
}
