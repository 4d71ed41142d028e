package cost

import "github.com/warehoused/warehoused/planner/plan"

// Selectivity guesses the fraction of rows a predicate keeps: equality 0.1,
// ranges 0.3, LIKE 0.1, IS NULL 0.05, AND multiplies, OR adds (capped at 1).
// nil keeps everything.
func Selectivity(e plan.Expr) float64 {
	if e == nil {
		return 1
	}
	switch x := e.(type) {
	case *plan.Const:
		if b, ok := x.Value.(bool); ok && b {
			return 1
		}
		return 0
	case *plan.BoolOp:
		if x.Op == plan.OpAnd {
			s := 1.0
			for _, a := range x.Args {
				s *= Selectivity(a)
			}
			return s
		}
		s := 0.0
		for _, a := range x.Args {
			s += Selectivity(a)
		}
		return min(s, 1)
	case *plan.Not:
		return 1 - Selectivity(x.Arg)
	case *plan.IsNull:
		if x.Neg {
			return 0.95
		}
		return 0.05
	case *plan.InList:
		s := min(0.1*float64(len(x.List)), 0.8)
		if x.Neg {
			return 1 - s
		}
		return s
	case *plan.Call:
		switch x.Name {
		case "=":
			return 0.1
		case "<>", "!=":
			return 0.9
		case "<", "<=", ">", ">=":
			return 0.3
		case "like", "ilike", "~~", "~~*", "similar to", "~":
			return 0.1
		case "not like", "not ilike", "!~~", "!~~*", "!~":
			return 0.9
		case "between":
			return 0.25
		}
	}
	return 0.5
}
