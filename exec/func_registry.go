package exec

import (
	"strings"

	"github.com/warehoused/warehoused/sqlerr"
	"github.com/warehoused/warehoused/types"
	"github.com/warehoused/warehoused/vector"
)

// FuncSig is the resolved signature of a scalar function or operator: the
// parameter types its arguments must be cast to, and its result type.
type FuncSig struct {
	Params []types.T
	Ret    types.T
}

// kernel computes a function over whole argument vectors into out (n rows,
// already of the result type; for strict functions out.Nulls already holds
// the union of the arguments' NULLs and rows marked NULL must not raise errors).
type kernel func(ec *EvalContext, args []*vector.Vector, out *vector.Vector, n int) error

// builder compiles a call whose args have the resolved parameter types.
type builder func(args []Expr, ret types.T) (Expr, error)

// overload is one signature of a function. With resolve set, it decides
// applicability and the signature; otherwise params are matched with implicit
// casts (a param of ID Unknown accepts any type; variadic repeats the last).
type overload struct {
	params   []types.T
	variadic bool
	ret      types.T
	resolve  func(args []types.T) (FuncSig, bool)
	build    builder
}

// funcs is the function registry, filled by init functions of the func_*.go
// files and read-only afterwards.
var funcs = map[string][]*overload{}

func registerFunc(name string, ovs ...*overload) {
	for _, n := range strings.Split(name, ",") {
		funcs[n] = append(funcs[n], ovs...)
	}
}

// sig declares an overload with fixed parameter types: fsig(ret, build, params...).
func fsig(ret types.T, b builder, params ...types.T) *overload {
	return &overload{params: params, ret: ret, build: b}
}

// vsig declares a variadic overload (the last param repeats, zero or more times).
func fvsig(ret types.T, b builder, params ...types.T) *overload {
	return &overload{params: params, ret: ret, build: b, variadic: true}
}

// rsig declares an overload resolved by a function.
func frsig(resolve func(args []types.T) (FuncSig, bool), b builder) *overload {
	return &overload{resolve: resolve, build: b}
}

var anyT = types.UnknownType

// operators are the names LookupFunc treats as operators (for messages and
// the unknown-operand rule).
var operators = map[string]bool{
	"+": true, "-": true, "*": true, "/": true, "%": true, "^": true,
	"=": true, "<>": true, "!=": true, "<": true, "<=": true, ">": true, ">=": true,
	"||": true, "~": true, "~*": true, "!~": true, "!~*": true,
	"&": true, "|": true, "#": true, "<<": true, ">>": true, "|/": true, "||/": true, "@": true,
}

// LookupFunc resolves a scalar function or operator by name and argument types
// (42883 when none fits).
func LookupFunc(name string, args []types.T) (FuncSig, error) {
	s, _, err := resolveFunc(name, args)
	return s, err
}

func resolveFunc(name string, args []types.T) (FuncSig, *overload, error) {
	name = strings.ToLower(name)
	if name == "!=" {
		name = "<>"
	}
	ovs := funcs[name]
	in := args
	if operators[name] && len(args) == 2 && name != "||" {
		in = []types.T{args[0], args[1]}
		switch {
		case in[0].ID == types.Unknown && in[1].ID == types.Unknown:
			in[0], in[1] = types.TextType, types.TextType
		case in[0].ID == types.Unknown:
			in[0] = in[1]
		case in[1].ID == types.Unknown:
			in[1] = in[0]
		}
	}
	best, bestSig := pickOverload(ovs, in)
	if best < 0 && operators[name] && len(args) == 2 && (args[0].ID == types.Unknown) != (args[1].ID == types.Unknown) {
		// PostgreSQL falls back to other operand types for an unknown literal
		// when the same-type operator does not exist (timestamp + '1 day').
		for _, guess := range []types.T{types.IntervalT, types.Int32Type, types.Float64Type, types.TextType} {
			alt := []types.T{args[0], args[1]}
			if alt[0].ID == types.Unknown {
				alt[0] = guess
			} else {
				alt[1] = guess
			}
			if best, bestSig = pickOverload(ovs, alt); best >= 0 {
				break
			}
		}
	}
	if best < 0 {
		return FuncSig{}, nil, undefinedFunc(name, args, len(ovs) > 0)
	}
	// Parameters of Unknown arguments the resolver left open become TEXT.
	for i, p := range bestSig.Params {
		if p.ID == types.Unknown && i < len(args) {
			bestSig.Params[i] = types.TextType
		}
	}
	return bestSig, ovs[best], nil
}

// pickOverload returns the index and signature of the cheapest matching overload (-1: none).
func pickOverload(ovs []*overload, in []types.T) (int, FuncSig) {
	best, bestCost := -1, 1<<30
	var bestSig FuncSig
	for i, ov := range ovs {
		var s FuncSig
		var cost int
		var ok bool
		if ov.resolve != nil {
			s, ok = ov.resolve(in)
		} else {
			s, cost, ok = matchParams(ov, in)
		}
		if ok && cost < bestCost {
			best, bestCost, bestSig = i, cost, s
		}
	}
	return best, bestSig
}

func undefinedFunc(name string, args []types.T, exists bool) error {
	names := make([]string, len(args))
	for i, a := range args {
		names[i] = a.String()
	}
	if operators[name] {
		var msg string
		if len(args) == 1 {
			msg = "operator does not exist: " + name + " " + names[0]
		} else {
			msg = "operator does not exist: " + strings.Join(names, " "+name+" ")
		}
		return sqlerr.Newf(sqlerr.UndefinedFunction, "%s", msg).WithHint(
			"No operator matches the given name and argument types. You might need to add explicit type casts.")
	}
	return sqlerr.Newf(sqlerr.UndefinedFunction, "function %s(%s) does not exist", name, strings.Join(names, ", ")).WithHint(
		"No function matches the given name and argument types. You might need to add explicit type casts.")
}

// matchParams checks args against fixed params, returning the signature and
// a cost (0 exact; more for each implicit conversion).
func matchParams(ov *overload, args []types.T) (FuncSig, int, bool) {
	np := len(ov.params)
	if ov.variadic {
		if len(args) < np-1 {
			return FuncSig{}, 0, false
		}
	} else if len(args) != np {
		return FuncSig{}, 0, false
	}
	params := make([]types.T, len(args))
	cost := 0
	for i, a := range args {
		p := ov.params[min(i, np-1)]
		switch {
		case p.ID == types.Unknown: // any
			params[i] = a
			if a.ID == types.Unknown {
				params[i] = types.TextType
			}
			cost++
		case a.ID == types.Unknown:
			params[i] = concrete(p)
			cost++
		case a.ID == p.ID || (a.IsString() && p.IsString()):
			params[i] = a
			if p.ID == types.Decimal && p.Precision != 0 {
				params[i] = p
			}
		case a.IsInteger() && p.IsInteger():
			params[i] = p
			cost += 2
		case CanCast(a, p, false):
			params[i] = concrete(p)
			if p.ID == types.Decimal && p.Precision == 0 && a.IsInteger() {
				params[i] = asDecimal(a)
			}
			cost += 3 + numRank(p) - numRank(a)
		default:
			return FuncSig{}, 0, false
		}
	}
	return FuncSig{Params: params, Ret: ov.ret}, cost, true
}

// concrete turns a generic parameter type (NUMERIC without precision) into one
// values can be cast to.
func concrete(p types.T) types.T {
	if p.ID == types.Decimal && p.Precision == 0 {
		return types.DecimalType(38, 10)
	}
	return p
}

func numRank(t types.T) int {
	switch t.ID {
	case types.Int16:
		return 1
	case types.Int32:
		return 2
	case types.Int64:
		return 3
	case types.Decimal:
		return 4
	case types.Float32:
		return 5
	case types.Float64:
		return 6
	}
	return 0
}

// asDecimal returns the DECIMAL type an integer converts to exactly.
func asDecimal(t types.T) types.T {
	switch t.ID {
	case types.Int16:
		return types.DecimalType(5, 0)
	case types.Int32:
		return types.DecimalType(10, 0)
	case types.Int64:
		return types.DecimalType(19, 0)
	}
	return t
}

// NewCall compiles a call of a registered scalar function or operator whose
// args already have the types LookupFunc returned.
func NewCall(name string, args []Expr) (Expr, error) {
	ts := make([]types.T, len(args))
	for i, a := range args {
		ts[i] = a.Type()
	}
	s, ov, err := resolveFunc(name, ts)
	if err != nil {
		return nil, err
	}
	// Defensive: cast arguments the caller did not convert.
	fixed := args
	copied := false
	for i, p := range s.Params {
		if i >= len(args) {
			break
		}
		if needsCast(ts[i], p) {
			if !copied {
				fixed, copied = append([]Expr(nil), args...), true
			}
			c, err := NewCast(args[i], p, "")
			if err != nil {
				return nil, err
			}
			fixed[i] = c
		}
	}
	return ov.build(fixed, s.Ret)
}

func needsCast(from, to types.T) bool {
	if from == to || (from.IsString() && to.IsString()) {
		return false
	}
	if from.ID == types.Unknown {
		return to.ID != types.Unknown
	}
	return true
}

// callExpr runs a kernel over evaluated arguments.
type callExpr struct {
	name   string
	args   []Expr
	t      types.T
	strict bool
	k      kernel
}

func (c *callExpr) Type() types.T { return c.t }

func (c *callExpr) Eval(ec *EvalContext, in *vector.Batch) (*vector.Vector, error) {
	n := in.N
	args, err := evalArgs(ec, c.args, in)
	if err != nil {
		return nil, err
	}
	out := vector.New(c.t, n)
	if c.strict {
		for _, a := range args {
			if a.Type.Physical() == types.PhysNull {
				return constVector(c.t, nil, n), nil
			}
		}
		out.Nulls = unionNulls(args, n)
	}
	if err := c.k(ec, args, out, n); err != nil {
		return nil, err
	}
	return out, nil
}

// strict builds a call that is NULL when any argument is NULL.
func strictFn(k kernel) builder {
	return func(args []Expr, ret types.T) (Expr, error) {
		return &callExpr{args: args, t: ret, strict: true, k: k}, nil
	}
}

// lenient builds a call whose kernel handles NULL arguments itself.
func lenientFn(k kernel) builder {
	return func(args []Expr, ret types.T) (Expr, error) {
		return &callExpr{args: args, t: ret, k: k}, nil
	}
}

// eachRow calls f for every non-NULL row of out, stopping at the first error.
func eachRow(out *vector.Vector, n int, f func(i int) error) error {
	nulls := out.Nulls
	for i := 0; i < n; i++ {
		if nulls != nil && nulls.IsNull(i) {
			continue
		}
		if err := f(i); err != nil {
			return err
		}
	}
	return nil
}
