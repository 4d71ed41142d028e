package exec

import (
	"runtime/debug"

	"github.com/warehoused/warehoused/sqlerr"
)

// recoverInto turns a panic on a goroutine an operator started into an
// XX000 error stored in *err. The engine recovers panics on the statement's
// own goroutine; a panic on any other goroutine would end the whole process,
// taking every other session with it, so each one defers this first.
func recoverInto(err *error) {
	if r := recover(); r != nil {
		*err = sqlerr.Newf(sqlerr.InternalError, "internal error: %v", r).
			WithDetail("%s", debug.Stack())
	}
}
