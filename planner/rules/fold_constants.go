// FoldConstants evaluates, at plan time, every sub-expression that reads no
// columns and no parameters, and simplifies what the constants decide.
//
// Rewrites:
//   - a deterministic call/cast/CASE/IN whose arguments are all constants
//     becomes one Const (compiled with physical.CompileExpr, evaluated with
//     exec.EvalConst);
//   - AND/OR drop TRUE/FALSE arguments (AND with FALSE is FALSE, OR with TRUE
//     is TRUE);
//   - a Filter whose predicate is TRUE disappears, FALSE or NULL makes it an
//     empty Values with the same columns; the same for a scan's pushed filter;
//     a join condition TRUE becomes a cross product.
//
// Why it is correct: the folded expressions give the same value on every row,
// and the evaluation uses the same kernels execution would. Functions whose
// value depends on the session or the moment (now(), random(), current_user,
// anything with TIMESTAMPTZ, which depends on the TimeZone setting) and
// calls without arguments are never folded. When evaluation fails (22012 on
// `1/0`), the expression is left as it is: the error must surface only if
// execution really evaluates it (e.g. not inside an untaken CASE arm).
//
// Example:
//
//	SELECT ... FROM lineitem WHERE l_shipdate <= date '1998-12-01' - interval '90' day
//	→ Filter (l_shipdate <= '1998-09-02 00:00:00'::timestamp)
package rules

import (
	"context"
	"strings"

	"github.com/warehoused/warehoused/exec"
	"github.com/warehoused/warehoused/planner/physical"
	"github.com/warehoused/warehoused/planner/plan"
	"github.com/warehoused/warehoused/types"
)

// FoldConstants is the constant-folding rule.
type FoldConstants struct{}

// Name implements Rule.
func (FoldConstants) Name() string { return "fold_constants" }

// Apply implements Rule.
func (FoldConstants) Apply(_ context.Context, n plan.Node, _ *Context) (plan.Node, error) {
	ec := &exec.EvalContext{}
	return plan.TransformUp(n, func(x plan.Node) plan.Node {
		x = plan.MapNodeExprs(x, func(e plan.Expr) plan.Expr { return FoldExpr(ec, e) })
		return simplifyNode(x)
	}), nil
}

// FoldExpr folds the constant parts of e.
func FoldExpr(ec *exec.EvalContext, e plan.Expr) plan.Expr {
	return plan.RewriteExpr(e, func(x plan.Expr) plan.Expr {
		if b, ok := x.(*plan.BoolOp); ok {
			return simplifyBool(b)
		}
		if !foldable(x) {
			return x
		}
		if c, ok := evalConst(ec, x); ok {
			return c
		}
		return x
	})
}

// volatile lists functions whose value is not a function of their arguments.
var volatile = map[string]bool{
	"random": true, "now": true, "getdate": true, "sysdate": true, "current_date": true,
	"current_time": true, "current_timestamp": true, "localtime": true, "localtimestamp": true,
	"timeofday": true, "clock_timestamp": true, "statement_timestamp": true,
	"transaction_timestamp": true, "current_user": true, "session_user": true, "user": true,
	"current_database": true, "current_schema": true, "current_schemas": true,
	"current_setting": true, "version": true, "pg_backend_pid": true, "nextval": true,
	"pg_last_query_id": true, "pg_last_copy_id": true, "pg_last_copy_count": true,
	"has_table_privilege": true, "has_schema_privilege": true, "has_database_privilege": true,
	"pg_get_userbyid": true, "txid_current": true, "pg_sleep": true, "age": true,
	"obj_description": true, "col_description": true, "shobj_description": true,
	"to_regclass": true, "format_type": false, "getdatabaseencoding": true,
}

// sessionDependent reports whether a function may read session or catalog
// state (search path, user, settings, time): catalog and privilege helpers
// are never folded.
func sessionDependent(name string) bool {
	if v, ok := volatile[name]; ok {
		return v
	}
	return strings.HasPrefix(name, "pg_") || strings.HasPrefix(name, "has_") || strings.HasPrefix(name, "current_")
}

// foldable reports whether x is a deterministic operation over constants only.
func foldable(x plan.Expr) bool {
	switch e := x.(type) {
	case *plan.Const, *plan.ColRef, *plan.Param, *plan.Subquery:
		return false
	case *plan.Call:
		if len(e.Args) == 0 || sessionDependent(e.Name) {
			return false
		}
	case *plan.Cast:
		if e.Arg.Type().ID == types.TimestampTZ {
			return false
		}
	}
	if x.Type().ID == types.TimestampTZ {
		return false
	}
	for _, c := range plan.ExprChildren(x) {
		k, ok := c.(*plan.Const)
		if !ok || k.Typ.ID == types.TimestampTZ {
			return false
		}
	}
	return true
}

// evalConst evaluates x; ok is false if it cannot be evaluated now (an error,
// or an expression kernel that is not available).
func evalConst(ec *exec.EvalContext, x plan.Expr) (c *plan.Const, ok bool) {
	defer func() {
		if recover() != nil {
			c, ok = nil, false
		}
	}()
	compiled, err := physical.CompileExpr(x, nil)
	if err != nil {
		return nil, false
	}
	d, err := exec.EvalConst(ec, compiled)
	if err != nil {
		return nil, false
	}
	return &plan.Const{Value: d, Typ: x.Type()}, true
}

// boolConst returns the value of a boolean constant; isConst false otherwise.
func boolConst(e plan.Expr) (val, isNull, isConst bool) {
	c, ok := e.(*plan.Const)
	if !ok {
		return false, false, false
	}
	if c.Value == nil {
		return false, true, true
	}
	b, ok := c.Value.(bool)
	return b, false, ok
}

func trueConst() *plan.Const  { return &plan.Const{Value: true, Typ: types.BoolType} }
func falseConst() *plan.Const { return &plan.Const{Value: false, Typ: types.BoolType} }

// simplifyBool drops neutral constants from AND/OR and short-circuits on
// absorbing ones; nested connectives of the same kind are flattened.
func simplifyBool(b *plan.BoolOp) plan.Expr {
	isAnd := b.Op == plan.OpAnd
	var args []plan.Expr
	for _, a := range b.Args {
		if inner, ok := a.(*plan.BoolOp); ok && inner.Op == b.Op {
			args = append(args, inner.Args...)
			continue
		}
		args = append(args, a)
	}
	out := args[:0:0]
	for _, a := range args {
		v, null, isConst := boolConst(a)
		if isConst && !null {
			if v == isAnd { // TRUE in AND, FALSE in OR: neutral
				continue
			}
			if isAnd {
				return falseConst()
			}
			return trueConst()
		}
		out = append(out, a)
	}
	switch len(out) {
	case 0:
		if isAnd {
			return trueConst()
		}
		return falseConst()
	case 1:
		return out[0]
	}
	return &plan.BoolOp{Op: b.Op, Args: out}
}

// simplifyNode removes filters a constant decides.
func simplifyNode(n plan.Node) plan.Node {
	switch x := n.(type) {
	case *plan.Filter:
		if v, null, ok := boolConst(x.Pred); ok {
			if v && !null {
				return x.Input
			}
			return &plan.Values{Cols: x.Schema()}
		}
	case *plan.Scan:
		if v, null, ok := boolConst(x.Filter); ok {
			if v && !null {
				c := *x
				c.Filter = nil
				return &c
			}
			return &plan.Values{Cols: x.Cols}
		}
	case *plan.Join:
		if v, null, ok := boolConst(x.Cond); ok && v && !null {
			c := *x
			c.Cond = nil
			return &c
		}
	}
	return n
}
