package exec

import (
	"testing"
	"time"

	"github.com/warehoused/warehoused/sqlerr"
	"github.com/warehoused/warehoused/types"
	"github.com/warehoused/warehoused/vector"
)

// arg is a typed test argument.
type fnArg struct {
	t types.T
	v types.Datum
}

func targ(t types.T, v types.Datum) fnArg { return fnArg{t, v} }
func tText(s string) fnArg                { return fnArg{types.TextType, s} }
func tI4(v int64) fnArg                   { return fnArg{types.Int32Type, v} }
func tI8(v int64) fnArg                   { return fnArg{types.Int64Type, v} }
func tF8(v float64) fnArg                 { return fnArg{types.Float64Type, v} }
func tNull(t types.T) fnArg               { return fnArg{t, nil} }

func exprTestEC() *EvalContext {
	return &EvalContext{
		Now:      time.Date(2024, 3, 15, 10, 30, 45, 123000, time.UTC),
		TxStart:  time.Date(2024, 3, 15, 10, 30, 0, 0, time.UTC),
		User:     "alice",
		Database: "dev",
		Version:  "PostgreSQL 8.0.2 on warehoused",
	}
}

// exprCallFn resolves and runs name(args) twice: with arguments as columns of a
// one-row batch, and as constants; both must agree. It returns the result
// formatted as text ("NULL" for NULL) or the error's SQLSTATE.
func exprCallFn(t *testing.T, name string, args ...fnArg) (string, sqlerr.Code) {
	t.Helper()
	ts := make([]types.T, len(args))
	for i, x := range args {
		ts[i] = x.t
	}
	sig, err := LookupFunc(name, ts)
	if err != nil {
		return "", sqlerr.CodeOf(err)
	}
	batch := &vector.Batch{N: 1}
	colArgs := make([]Expr, len(args))
	constArgs := make([]Expr, len(args))
	for i, x := range args {
		v := vector.New(x.t, 1)
		v.Set(0, x.v)
		batch.Cols = append(batch.Cols, v)
		var ce, kc Expr = NewColRef(i, x.t), NewConst(x.v, x.t)
		if sig.Params[i] != x.t {
			var err1, err2 error
			if ce, err1 = NewCast(ce, sig.Params[i], ""); err1 != nil {
				return "", sqlerr.CodeOf(err1)
			}
			if kc, err2 = NewCast(kc, sig.Params[i], ""); err2 != nil {
				return "", sqlerr.CodeOf(err2)
			}
		}
		colArgs[i], constArgs[i] = ce, kc
	}
	ec := exprTestEC()
	var results [2]string
	var codes [2]sqlerr.Code
	for k, as := range [][]Expr{colArgs, constArgs} {
		e, err := NewCall(name, as)
		if err != nil {
			codes[k] = sqlerr.CodeOf(err)
			continue
		}
		if e.Type() != sig.Ret {
			t.Errorf("%s: expr type %s, LookupFunc said %s", name, e.Type(), sig.Ret)
		}
		v, err := e.Eval(ec, batch)
		if err != nil {
			codes[k] = sqlerr.CodeOf(err)
			continue
		}
		if v.IsNull(0) || v.Type.Physical() == types.PhysNull {
			results[k] = "NULL"
		} else {
			results[k] = types.Format(sig.Ret, v.Get(0))
		}
	}
	if results[0] != results[1] || codes[0] != codes[1] {
		t.Errorf("%s%v: column/const disagree: %q/%s vs %q/%s", name, args, results[0], codes[0], results[1], codes[1])
	}
	return results[0], codes[0]
}

type fnTestCase struct {
	name string
	args []fnArg
	want string      // formatted result
	code sqlerr.Code // expected error
}

func runFnTestCases(t *testing.T, cases []fnTestCase) {
	t.Helper()
	for _, c := range cases {
		got, code := exprCallFn(t, c.name, c.args...)
		if c.code != "" {
			if code != c.code {
				t.Errorf("%s%v: got %q code %q, want error %s", c.name, c.args, got, code, c.code)
			}
			continue
		}
		if code != "" {
			t.Errorf("%s%v: error %s", c.name, c.args, code)
			continue
		}
		if got != c.want {
			t.Errorf("%s%v = %q, want %q", c.name, c.args, got, c.want)
		}
	}
}
