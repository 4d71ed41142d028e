package exec

import (
	"github.com/warehoused/warehoused/sqlerr"
	"github.com/warehoused/warehoused/types"
	"github.com/warehoused/warehoused/vector"
)

// Session information functions.

// sessionText builds a function returning one text value from the context.
func sessionText(f func(ec *EvalContext) string) *overload {
	return fsig(textT, lenientFn(func(ec *EvalContext, _ []*vector.Vector, out *vector.Vector, n int) error {
		var s string
		if ec != nil {
			s = f(ec)
		}
		fillAll(out.Strs[:n], s)
		return nil
	}))
}

func init() {
	registerFunc("version", sessionText(func(ec *EvalContext) string {
		if ec.Version != "" {
			return ec.Version
		}
		return "PostgreSQL 8.0.2 on warehoused"
	}))
	registerFunc("current_user,user,session_user,current_role", sessionText(func(ec *EvalContext) string { return ec.User }))
	registerFunc("current_database,current_catalog", sessionText(func(ec *EvalContext) string { return ec.Database }))
	registerFunc("current_schema", sessionText(func(ec *EvalContext) string {
		for _, s := range ec.SearchPath {
			if s != "$user" && s != "pg_catalog" {
				return s
			}
		}
		return "public"
	}))
	registerFunc("pg_backend_pid", fsig(i32T, lenientFn(func(ec *EvalContext, _ []*vector.Vector, out *vector.Vector, n int) error {
		if ec != nil && ec.Catalog != nil {
			fillAll(out.Ints[:n], ec.Catalog.BackendPID())
		}
		return nil
	})))
	registerFunc("current_setting", fsig(textT, rowFn(func(ec *EvalContext, a []*vector.Vector, out *vector.Vector, i int) error {
		name := a[0].Strs[i]
		if ec != nil && ec.Setting != nil {
			if v, ok := ec.Setting(name); ok {
				out.Strs[i] = v
				return nil
			}
		}
		return sqlerr.Newf(sqlerr.UndefinedObject, "unrecognized configuration parameter \"%s\"", name)
	}), textT), fsig(textT, rowFn(func(ec *EvalContext, a []*vector.Vector, out *vector.Vector, i int) error {
		name := a[0].Strs[i]
		if ec != nil && ec.Setting != nil {
			if v, ok := ec.Setting(name); ok {
				out.Strs[i] = v
				return nil
			}
		}
		if a[1].Bools[i] {
			out.SetNull(i)
			return nil
		}
		return sqlerr.Newf(sqlerr.UndefinedObject, "unrecognized configuration parameter \"%s\"", name)
	}), textT, boolT))
	registerFunc("checksum", frsig(func(args []types.T) (FuncSig, bool) {
		if len(args) != 1 {
			return FuncSig{}, false
		}
		a := args[0]
		if a.ID == types.Unknown {
			a = textT
		}
		return FuncSig{Params: []types.T{a}, Ret: i32T}, true
	}, strictFn(func(_ *EvalContext, a []*vector.Vector, out *vector.Vector, n int) error {
		hashes := make([]uint64, n)
		HashVector(a[0], hashes, true)
		for i, h := range hashes {
			out.Ints[i] = int64(int32(h))
		}
		return nil
	})))
}
