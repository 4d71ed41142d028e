//go:build !linux

package clienttest

import "os/exec"

// killWithParent is a no-op where Pdeathsig does not exist.
func killWithParent(cmd *exec.Cmd) {}
