package bind

import (
	"github.com/warehoused/warehoused/exec"
	"github.com/warehoused/warehoused/types"
)

// registry is the function catalogue the binder type-checks against. The
// production one is package exec's; tests substitute a fake.
type registry interface {
	LookupFunc(name string, args []types.T) (exec.FuncSig, error)
	CanCast(from, to types.T, explicit bool) bool
	LookupAgg(name string, args []types.T, distinct bool) (types.T, error)
	IsAgg(name string) bool
	LookupWindow(name string, args []types.T) (types.T, error)
}

type execRegistry struct{}

func (execRegistry) LookupFunc(name string, args []types.T) (exec.FuncSig, error) {
	return exec.LookupFunc(name, args)
}
func (execRegistry) CanCast(from, to types.T, explicit bool) bool {
	return exec.CanCast(from, to, explicit)
}
func (execRegistry) LookupAgg(name string, args []types.T, distinct bool) (types.T, error) {
	return exec.LookupAgg(name, args, distinct)
}
func (execRegistry) IsAgg(name string) bool { return exec.IsAgg(name) }
func (execRegistry) LookupWindow(name string, args []types.T) (types.T, error) {
	return exec.LookupWindow(name, args)
}

// windowOnly lists the functions that exist only with OVER.
var windowOnly = map[string]bool{
	"row_number": true, "rank": true, "dense_rank": true, "percent_rank": true,
	"cume_dist": true, "ntile": true, "lag": true, "lead": true,
	"first_value": true, "last_value": true, "nth_value": true,
}

// isAgg also asks exec's own aggregate list so that aggregate detection does
// not depend on the registry (possibly a test double) being complete.
func (b *Binder) isAgg(name string) bool { return exec.IsAgg(name) || b.reg.IsAgg(name) }
