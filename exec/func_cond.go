package exec

import (
	"github.com/warehoused/warehoused/types"
	"github.com/warehoused/warehoused/vector"
)

// Conditional functions: they see NULL arguments (not strict).

// unify returns the common type of several argument types.
func unifyTypes(ts []types.T) (types.T, bool) {
	t := types.UnknownType
	for _, x := range ts {
		c, ok := commonTypeOf(t, x)
		if !ok {
			return types.T{}, false
		}
		t = c
	}
	if t.ID == types.Unknown {
		t = textT
	}
	return t, true
}

func repeatType(t types.T, n int) []types.T {
	ps := make([]types.T, n)
	for i := range ps {
		ps[i] = t
	}
	return ps
}

func init() {
	coalesce := frsig(func(args []types.T) (FuncSig, bool) {
		if len(args) == 0 {
			return FuncSig{}, false
		}
		t, ok := unifyTypes(args)
		if !ok {
			return FuncSig{}, false
		}
		return FuncSig{Params: repeatType(t, len(args)), Ret: t}, true
	}, lenientFn(coalesceKernel))
	registerFunc("coalesce,nvl,ifnull", coalesce)
	registerFunc("nvl2", frsig(func(args []types.T) (FuncSig, bool) {
		if len(args) != 3 {
			return FuncSig{}, false
		}
		t, ok := unifyTypes(args[1:])
		if !ok {
			return FuncSig{}, false
		}
		a := args[0]
		if a.ID == types.Unknown {
			a = textT
		}
		return FuncSig{Params: []types.T{a, t, t}, Ret: t}, true
	}, lenientFn(func(_ *EvalContext, a []*vector.Vector, out *vector.Vector, n int) error {
		for i := 0; i < n; i++ {
			if isNullAt(a[0], i) {
				copyValue(out, i, a[2], i)
			} else {
				copyValue(out, i, a[1], i)
			}
		}
		return nil
	})))
	registerFunc("nullif", frsig(func(args []types.T) (FuncSig, bool) {
		if len(args) != 2 {
			return FuncSig{}, false
		}
		t, ok := unifyTypes(args)
		if !ok {
			return FuncSig{}, false
		}
		if _, ok := resolveCompare([]types.T{t, t}); !ok {
			return FuncSig{}, false
		}
		return FuncSig{Params: []types.T{t, t}, Ret: t}, true
	}, lenientFn(func(_ *EvalContext, a []*vector.Vector, out *vector.Vector, n int) error {
		eq, err := compareVectors("=", a[0], a[1], n)
		if err != nil {
			return err
		}
		for i := 0; i < n; i++ {
			if rowValid(eq.Nulls, i) && eq.Bools[i] {
				out.SetNull(i)
			} else {
				copyValue(out, i, a[0], i)
			}
		}
		return nil
	})))
	registerFunc("decode", frsig(resolveDecode, lenientFn(decodeKernel)))
	for _, name := range []string{"greatest", "least"} {
		greatest := name == "greatest"
		registerFunc(name, frsig(func(args []types.T) (FuncSig, bool) {
			if len(args) == 0 {
				return FuncSig{}, false
			}
			t, ok := unifyTypes(args)
			if !ok {
				return FuncSig{}, false
			}
			return FuncSig{Params: repeatType(t, len(args)), Ret: t}, true
		}, lenientFn(func(_ *EvalContext, a []*vector.Vector, out *vector.Vector, n int) error {
			// Start NULL; take each non-NULL argument that beats the current value.
			out.Nulls = constVector(out.Type, nil, n).Nulls
			for _, v := range a {
				if v.Type.Physical() == types.PhysNull {
					continue
				}
				op := "<"
				if greatest {
					op = ">"
				}
				better, err := compareVectors(op, v, out, n)
				if err != nil {
					return err
				}
				for i := 0; i < n; i++ {
					if v.IsNull(i) {
						continue
					}
					take := out.IsNull(i) || (rowValid(better.Nulls, i) && better.Bools[i])
					if take {
						copyValue(out, i, v, i)
					}
				}
			}
			return nil
		})))
	}
}

func isNullAt(v *vector.Vector, i int) bool {
	return v.Type.Physical() == types.PhysNull || v.IsNull(i)
}

func coalesceKernel(_ *EvalContext, a []*vector.Vector, out *vector.Vector, n int) error {
	for i := 0; i < n; i++ {
		done := false
		for _, v := range a {
			if !isNullAt(v, i) {
				copyValue(out, i, v, i)
				done = true
				break
			}
		}
		if !done {
			out.SetNull(i)
		}
	}
	return nil
}

// resolveDecode types decode(expr, search1, result1, ..., [default]).
func resolveDecode(args []types.T) (FuncSig, bool) {
	if len(args) < 3 {
		return FuncSig{}, false
	}
	keys := []types.T{args[0]}
	var results []types.T
	for i := 1; i+1 < len(args); i += 2 {
		keys = append(keys, args[i])
		results = append(results, args[i+1])
	}
	if len(args)%2 == 0 {
		results = append(results, args[len(args)-1])
	}
	kt, ok := unifyTypes(keys)
	if !ok {
		return FuncSig{}, false
	}
	rt, ok := unifyTypes(results)
	if !ok {
		return FuncSig{}, false
	}
	ps := make([]types.T, len(args))
	ps[0] = kt
	for i := 1; i+1 < len(args); i += 2 {
		ps[i], ps[i+1] = kt, rt
	}
	if len(args)%2 == 0 {
		ps[len(args)-1] = rt
	}
	return FuncSig{Params: ps, Ret: rt}, true
}

// decodeKernel: the first search equal to expr (NULL matches NULL) gives
// its result; otherwise the default or NULL.
func decodeKernel(_ *EvalContext, a []*vector.Vector, out *vector.Vector, n int) error {
	matched := make([]bool, n)
	for k := 1; k+1 < len(a); k += 2 {
		eq, err := compareVectors("=", a[0], a[k], n)
		if err != nil {
			return err
		}
		for i := 0; i < n; i++ {
			if matched[i] {
				continue
			}
			both := isNullAt(a[0], i) && isNullAt(a[k], i)
			if both || (rowValid(eq.Nulls, i) && eq.Bools != nil && eq.Bools[i]) {
				copyValue(out, i, a[k+1], i)
				matched[i] = true
			}
		}
	}
	for i := 0; i < n; i++ {
		if matched[i] {
			continue
		}
		if len(a)%2 == 0 {
			copyValue(out, i, a[len(a)-1], i)
		} else {
			out.SetNull(i)
		}
	}
	return nil
}
