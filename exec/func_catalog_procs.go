package exec

import (
	"sort"
	"sync"

	"github.com/warehoused/warehoused/types"
)

// ProcInfo is one row of pg_proc: a function the engine implements.
type ProcInfo struct {
	OID  int64
	Name string
	Args []int64 // argument type OIDs
	Ret  int64   // result type OID
	Kind byte    // prokind: f function, a aggregate, w window
	// Variadic is true when the last argument repeats.
	Variadic bool
}

// firstProcOID numbers the engine's functions above PostgreSQL's built-in
// type I/O functions (which keep their real OIDs, e.g. array_in 750).
const firstProcOID = 20000

// anyOID is pg_type "any": the argument or result of overloads resolved by code.
const anyOID = 2276

// procs lists the registry's functions once; the registry is read-only
// after init, so the list never changes.
var procs = sync.OnceValue(func() []ProcInfo {
	var out []ProcInfo
	for _, t := range PgTypes {
		out = append(out, ProcInfo{OID: t.InputOID, Name: t.Input, Args: []int64{2275}, Ret: t.OID, Kind: 'f'},
			ProcInfo{OID: t.OutputOID, Name: t.Output, Args: []int64{t.OID}, Ret: 2275, Kind: 'f'})
	}
	names := make([]string, 0, len(funcs)+len(aggNames))
	for n := range funcs {
		names = append(names, n)
	}
	for n := range aggNames {
		if funcs[n] == nil {
			names = append(names, n)
		}
	}
	sort.Strings(names)
	oid := int64(firstProcOID)
	for _, n := range names {
		if operators[n] || n == "<>" {
			continue
		}
		if aggNames[n] {
			out = append(out, ProcInfo{OID: oid, Name: n, Args: []int64{anyOID}, Ret: anyOID, Kind: 'a'})
			oid++
			continue
		}
		for _, ov := range funcs[n] {
			p := ProcInfo{OID: oid, Name: n, Ret: anyOID, Kind: 'f', Variadic: ov.variadic}
			oid++
			if ov.resolve != nil {
				p.Args = []int64{anyOID}
			} else {
				p.Ret = typeOID(ov.ret)
				for _, t := range ov.params {
					p.Args = append(p.Args, typeOID(t))
				}
			}
			out = append(out, p)
		}
	}
	return dedupProcs(out)
})

// dedupProcs drops repeated I/O functions (several types share one).
func dedupProcs(ps []ProcInfo) []ProcInfo {
	seen := map[int64]bool{}
	out := ps[:0]
	for _, p := range ps {
		if seen[p.OID] {
			continue
		}
		seen[p.OID] = true
		out = append(out, p)
	}
	return out
}

func typeOID(t types.T) int64 {
	if t.ID == types.Unknown {
		return anyOID
	}
	return int64(t.OID())
}

// Procs returns the functions pg_proc lists.
func Procs() []ProcInfo { return procs() }

// ProcByOID returns a function by OID.
func ProcByOID(oid int64) (ProcInfo, bool) {
	for _, p := range procs() {
		if p.OID == oid {
			return p, true
		}
	}
	return ProcInfo{}, false
}

// ProcByName returns the first function of a name (lower-cased, without schema).
func ProcByName(name string) (ProcInfo, bool) {
	for _, p := range procs() {
		if p.Name == name {
			return p, true
		}
	}
	return ProcInfo{}, false
}
