package clienttest

import (
	"bytes"
	"context"
	"errors"
	"os/exec"
	"testing"
)

// result is what one client process did.
type result struct {
	stdout, stderr string
	code           int // exit code; -1 when it did not exit normally
}

// runClient runs a client program with the server's libpq environment and
// optional stdin, and returns its output whatever the exit code.
func runClient(ctx context.Context, t *testing.T, s *server, stdin string, name string, args ...string) result {
	t.Helper()
	cmd := exec.CommandContext(ctx, name, args...)
	cmd.Env = s.env()
	if stdin != "" {
		cmd.Stdin = bytes.NewBufferString(stdin)
	}
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	r := result{stdout: out.String(), stderr: errb.String()}
	var ee *exec.ExitError
	switch {
	case err == nil:
	case errors.As(err, &ee):
		r.code = ee.ExitCode()
	default:
		t.Fatalf("%s: %v", name, err)
	}
	return r
}

// execOutput runs a program and returns its combined output.
func execOutput(ctx context.Context, name string, args ...string) (string, error) {
	out, err := exec.CommandContext(ctx, name, args...).CombinedOutput()
	return string(out), err
}

// lookClient finds a client binary, skipping (or failing in CI) without it.
func lookClient(t *testing.T, name string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err != nil {
		unavailable(t, "%s not installed", name)
	}
	return p
}
