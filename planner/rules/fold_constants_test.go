package rules

import (
	"strings"
	"testing"

	"github.com/warehoused/warehoused/exec"
	"github.com/warehoused/warehoused/planner/plan"
	"github.com/warehoused/warehoused/types"
)

// haveKernels reports whether exec's expression kernels are available (they
// are built by another package and may still be stubs).
func haveKernels() (ok bool) {
	defer func() {
		if recover() != nil {
			ok = false
		}
	}()
	_, err := exec.EvalConst(&exec.EvalContext{}, exec.NewConst(int64(1), types.Int64Type))
	return err == nil
}

func TestFoldConstantsBooleans(t *testing.T) {
	f := &fixture{}
	a := f.scan("a", 100, "x")
	tru, fls := &plan.Const{Value: true, Typ: types.BoolType}, &plan.Const{Value: false, Typ: types.BoolType}
	cases := []struct {
		name string
		pred plan.Expr
		want string
	}{
		{"AND TRUE dropped", and(tru, gt(col(a, "x"), i64(1))), "Filter (x#1 > 1)\n  Scan a [x#1]\n"},
		{"filter TRUE removed", &plan.BoolOp{Op: plan.OpOr, Args: []plan.Expr{gt(col(a, "x"), i64(1)), tru}}, "Scan a [x#1]\n"},
		{"filter FALSE is empty", and(gt(col(a, "x"), i64(1)), fls), "Values rows=0 [x#1]\n"},
		{"filter NULL is empty", &plan.Const{Typ: types.BoolType}, "Values rows=0 [x#1]\n"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			out := applyRules(t, &plan.Filter{Input: a, Pred: tc.pred}, FoldConstants{})
			if got := Format(out); got != tc.want {
				t.Errorf("got\n%s\nwant\n%s", got, tc.want)
			}
		})
	}
}

func TestFoldConstantsEvaluates(t *testing.T) {
	if !haveKernels() {
		t.Skip("exec expression kernels not available yet")
	}
	f := &fixture{}
	a := f.scan("a", 100, "x")
	sum := &plan.Call{Name: "+", Args: []plan.Expr{i64(2), i64(3)}, Typ: types.Int64Type}
	div0 := &plan.Call{Name: "/", Args: []plan.Expr{i64(1), i64(0)}, Typ: types.Int64Type}
	p := &plan.Project{Input: a, Exprs: []plan.Expr{
		&plan.Call{Name: "+", Args: []plan.Expr{col(a, "x"), sum}, Typ: types.Int64Type},
		div0,
	}, Cols: plan.Schema{{ID: 50, Name: "s", Type: types.Int64Type}, {ID: 51, Name: "d", Type: types.Int64Type}}}
	out := applyRules(t, p, FoldConstants{})
	want := "Project [s#50, d#51] = ((x#1 + 5), (1 / 0))\n  Scan a [x#1]\n"
	if got := Format(out); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

func TestFoldConstantsDateArithmetic(t *testing.T) {
	if !haveKernels() {
		t.Skip("exec expression kernels not available yet")
	}
	f := &fixture{}
	a := f.scan("lineitem", 100, "ship:date")
	d, err := types.Parse(types.DateType, "1998-12-01")
	if err != nil {
		t.Skip(err)
	}
	sig, err := exec.LookupFunc("-", []types.T{types.DateType, types.IntervalT})
	if err != nil {
		t.Skip(err)
	}
	minus := &plan.Call{Name: "-", Args: []plan.Expr{
		&plan.Const{Value: d, Typ: types.DateType},
		&plan.Const{Value: types.IntervalValue{Days: 90}, Typ: types.IntervalT},
	}, Typ: sig.Ret}
	pred := call("<=", &plan.Cast{Arg: col(a, "ship"), To: sig.Ret}, minus)
	out := applyRules(t, &plan.Filter{Input: a, Pred: pred}, FoldConstants{})
	got := Format(out)
	if !strings.Contains(got, "1998-09-02") || strings.Contains(got, "interval") {
		t.Errorf("not folded:\n%s", got)
	}
	// now() is never folded.
	now := &plan.Call{Name: "now", Typ: types.TSTZType}
	out = applyRules(t, &plan.Project{Input: a, Exprs: []plan.Expr{now}, Cols: plan.Schema{{ID: 99, Name: "now", Type: types.TSTZType}}}, FoldConstants{})
	if !strings.Contains(Format(out), "now()") {
		t.Errorf("now() folded:\n%s", Format(out))
	}
}
