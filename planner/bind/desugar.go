package bind

import (
	"github.com/warehoused/warehoused/planner/plan"
	"github.com/warehoused/warehoused/sqlerr"
)

// desugar spells COALESCE, NVL, NVL2, NULLIF, GREATEST, LEAST and DECODE as
// CASE expressions (arguments already coerced to their common type). ok is
// false for other names.
func (b *Binder) desugar(name string, args []plan.Expr, loc int) (plan.Expr, bool, error) {
	notNull := func(e plan.Expr) plan.Expr { return &plan.IsNull{Arg: e, Neg: true} }
	switch name {
	case "coalesce", "nvl":
		if len(args) == 0 {
			return nil, false, nil
		}
		c := &plan.Case{Typ: args[0].Type(), Else: args[len(args)-1]}
		for _, a := range args[:len(args)-1] {
			c.Whens = append(c.Whens, plan.When{Cond: notNull(a), Then: a})
		}
		if len(c.Whens) == 0 {
			return args[0], true, nil
		}
		return c, true, nil
	case "nvl2":
		if len(args) != 3 {
			return nil, false, nil
		}
		return &plan.Case{Whens: []plan.When{{Cond: notNull(args[0]), Then: args[1]}}, Else: args[2], Typ: args[1].Type()}, true, nil
	case "nullif":
		if len(args) != 2 {
			return nil, false, nil
		}
		eq, err := b.binary("=", args[0], args[1], loc)
		if err != nil {
			return nil, true, err
		}
		t := args[0].Type()
		return &plan.Case{Whens: []plan.When{{Cond: eq, Then: &plan.Const{Typ: t}}}, Else: args[0], Typ: t}, true, nil
	case "greatest", "least":
		if len(args) == 0 {
			return nil, false, nil
		}
		op := ">="
		if name == "least" {
			op = "<="
		}
		// NULL arguments are ignored, as in PostgreSQL.
		acc := args[0]
		for _, a := range args[1:] {
			cmp, err := b.binary(op, acc, a, loc)
			if err != nil {
				return nil, true, err
			}
			acc = &plan.Case{Whens: []plan.When{
				{Cond: &plan.IsNull{Arg: a}, Then: acc},
				{Cond: &plan.IsNull{Arg: acc}, Then: a},
				{Cond: cmp, Then: acc},
			}, Else: a, Typ: a.Type()}
		}
		return acc, true, nil
	case "decode":
		if len(args) < 3 {
			return nil, false, sqlerr.Newf(sqlerr.UndefinedFunction, "function decode requires at least 3 arguments")
		}
		c := &plan.Case{Typ: args[2].Type()}
		i := 1
		for ; i+1 < len(args); i += 2 {
			eq, err := b.binary("=", args[0], args[i], loc)
			if err != nil {
				return nil, true, err
			}
			// DECODE matches NULL with NULL.
			both := &plan.BoolOp{Op: plan.OpAnd, Args: []plan.Expr{&plan.IsNull{Arg: args[0]}, &plan.IsNull{Arg: args[i]}}}
			c.Whens = append(c.Whens, plan.When{Cond: &plan.BoolOp{Op: plan.OpOr, Args: []plan.Expr{eq, both}}, Then: args[i+1]})
		}
		if i < len(args) {
			c.Else = args[i]
		}
		return c, true, nil
	}
	return nil, false, nil
}
