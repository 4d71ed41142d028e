package physical

import (
	"github.com/warehoused/warehoused/exec"
	"github.com/warehoused/warehoused/planner/plan"
	"github.com/warehoused/warehoused/types"
)

// equiKey is one `probe = build` conjunct of a join condition.
type equiKey struct{ left, right plan.Expr }

// splitJoinCond separates cond into equality keys with one side over each
// input (in left, right order) and the remaining conjuncts.
func splitJoinCond(cond plan.Expr, left, right plan.Schema) (keys []equiKey, rest []plan.Expr) {
	l, r := idSet(left), idSet(right)
	for _, c := range plan.Conjuncts(cond) {
		if call, ok := c.(*plan.Call); ok && call.Name == "=" && len(call.Args) == 2 {
			a, bb := plan.ColumnsUsed(call.Args[0]), plan.ColumnsUsed(call.Args[1])
			if len(a) > 0 && len(bb) > 0 {
				if within(a, l) && within(bb, r) {
					keys = append(keys, equiKey{call.Args[0], call.Args[1]})
					continue
				}
				if within(a, r) && within(bb, l) {
					keys = append(keys, equiKey{call.Args[1], call.Args[0]})
					continue
				}
			}
		}
		rest = append(rest, c)
	}
	return keys, rest
}

// buildJoin builds a hash join when the condition has equality keys, a
// nested-loop join otherwise.
func (b *builder) buildJoin(x *plan.Join) (stream, error) {
	left, err := b.build(x.Left)
	if err != nil {
		return left, err
	}
	right, err := b.build(x.Right)
	if err != nil {
		closeAll(left.ops)
		return right, err
	}
	keys, rest := splitJoinCond(x.Cond, left.schema, right.schema)
	if len(keys) == 0 {
		return b.nestedLoop(x, left, right)
	}
	swap := b.swapSides(x)
	dist := joinDist(x, swap, b.est)
	probe, build := left, right
	if swap {
		probe, build = right, left
	}
	probeExprs := make([]plan.Expr, len(keys))
	buildExprs := make([]plan.Expr, len(keys))
	for i, k := range keys {
		lk, rk := coerceKeys(k.left, k.right)
		if swap {
			lk, rk = rk, lk
		}
		probeExprs[i], buildExprs[i] = lk, rk
	}
	if red := reducer(x, b.est); red != nil && !swap {
		if build, err = b.reduceBuild(red, build, probeExprs, buildExprs); err != nil {
			closeAll(probe.ops)
			return build, err
		}
	}
	probe, probeKeys, err := b.extend(probe, probeExprs, &b.ids)
	if err != nil {
		return probe, err
	}
	build, buildKeys, err := b.extend(build, buildExprs, &b.ids)
	if err != nil {
		return build, err
	}
	spec := exec.JoinSpec{
		Type:      joinType(x.Kind, swap),
		ProbeKeys: probeKeys,
		BuildKeys: buildKeys,
		NullAware: x.NullAware,
	}
	both := append(append(plan.Schema{}, probe.schema...), build.schema...)
	if res := plan.AndOf(rest); res != nil {
		if spec.Residual, err = CompileExpr(res, both); err != nil {
			return stream{}, err
		}
	}
	var ops []exec.Operator
	if dist.colocated && len(probe.ops) == len(build.ops) && len(probe.ops) > 1 {
		// Co-located: slice i's probe rows can only match slice i's build rows.
		ops = make([]exec.Operator, len(probe.ops))
		for i := range probe.ops {
			ops[i] = exec.NewHashJoin(b.ec, probe.ops[i:i+1], b.hashBuild(x, build.ops[i]), spec)[0]
		}
	} else {
		ops = exec.NewHashJoin(b.ec, probe.ops, b.hashBuild(x, b.gather(build)), spec)
	}
	for i, op := range ops {
		ops[i] = b.held(x, op)
	}
	var out plan.Schema
	switch {
	case swap && (x.Kind == plan.JoinSemi || x.Kind == plan.JoinAnti):
		out = build.schema // right semi/anti: the tested (left) rows
	case x.Kind == plan.JoinSemi || x.Kind == plan.JoinAnti:
		out = probe.schema
	case x.Kind == plan.JoinMark:
		out = append(append(plan.Schema{}, probe.schema...), x.MarkCol)
	default:
		out = both
	}
	return b.selectCols(stream{ops: ops, schema: out}, x.Schema())
}

// swapSides reports whether the left input should be the build side: the
// hash table goes on the smaller input. Semi and anti joins build on the
// left (tested) input only when buildsTested says so; mark joins always probe
// with the left input.
func (b *builder) swapSides(x *plan.Join) bool {
	switch x.Kind {
	case plan.JoinSemi, plan.JoinAnti:
		return buildsTested(x, b.est)
	case plan.JoinMark:
		return false
	}
	return b.est.Rows(x.Left) < b.est.Rows(x.Right)
}

// joinType maps a logical join kind to the exec type seen from the probe side.
func joinType(k plan.JoinKind, swap bool) exec.JoinType {
	switch k {
	case plan.JoinLeft:
		if swap {
			return exec.JoinRight
		}
		return exec.JoinLeft
	case plan.JoinRight:
		if swap {
			return exec.JoinLeft
		}
		return exec.JoinRight
	case plan.JoinFull:
		return exec.JoinFull
	case plan.JoinSemi:
		if swap {
			return exec.JoinRightSemi
		}
		return exec.JoinSemi
	case plan.JoinAnti:
		if swap {
			return exec.JoinRightAnti
		}
		return exec.JoinAnti
	case plan.JoinMark:
		return exec.JoinMark
	}
	return exec.JoinInner
}

// nestedLoop joins the gathered inputs on the whole condition.
func (b *builder) nestedLoop(x *plan.Join, left, right stream) (stream, error) {
	both := append(append(plan.Schema{}, left.schema...), right.schema...)
	var cond exec.Expr
	if x.Cond != nil {
		var err error
		if cond, err = CompileExpr(x.Cond, both); err != nil {
			return stream{}, err
		}
	}
	op := b.held(x, exec.NewNestedLoopJoin(b.ec, b.gather(left), b.gather(right), joinType(x.Kind, false), cond))
	return stream{ops: []exec.Operator{op}, schema: x.Schema()}, nil
}

// coerceKeys casts the two sides of an equality key to a common type when
// their representations differ (hash tables compare raw values).
func coerceKeys(l, r plan.Expr) (plan.Expr, plan.Expr) {
	lt, rt := l.Type(), r.Type()
	if compatible(lt, rt) {
		return l, r
	}
	t, ok := commonType(lt, rt)
	if !ok {
		return l, r
	}
	if lt != t {
		l = &plan.Cast{Arg: l, To: t}
	}
	if rt != t {
		r = &plan.Cast{Arg: r, To: t}
	}
	return l, r
}

// compatible reports whether values of a and b hash and compare alike
// without conversion.
func compatible(a, b types.T) bool {
	switch {
	case a == b:
		return true
	case a.IsInteger() && b.IsInteger():
		return true
	case a.IsString() && b.IsString():
		return true
	case a.ID == b.ID && a.ID != types.Decimal:
		return true
	}
	return false
}

// commonType is the type both sides of a mixed-type key convert to.
func commonType(a, b types.T) (types.T, bool) {
	switch {
	case a.ID == types.Float32 || a.ID == types.Float64 || b.ID == types.Float32 || b.ID == types.Float64:
		if a.IsNumeric() && b.IsNumeric() {
			return types.Float64Type, true
		}
	case a.IsNumeric() && b.IsNumeric():
		ai, as := decDigits(a)
		bi, bs := decDigits(b)
		s := max(as, bs)
		p := min(max(ai, bi)+s, types.MaxDecimalPrecision)
		return types.DecimalType(p, s), true
	case a.IsTemporal() && b.IsTemporal():
		if a.ID == types.TimestampTZ || b.ID == types.TimestampTZ {
			return types.TSTZType, true
		}
		if a.ID == types.Time || b.ID == types.Time {
			return types.T{}, false
		}
		return types.TSType, true
	}
	return types.T{}, false
}

// decDigits returns the integer digits and scale of a numeric type.
func decDigits(t types.T) (intDigits, scale int) {
	switch t.ID {
	case types.Int16:
		return 5, 0
	case types.Int32:
		return 10, 0
	case types.Int64:
		return 19, 0
	case types.Decimal:
		return t.Precision - t.Scale, t.Scale
	}
	return 18, 0
}

func idSet(s plan.Schema) map[plan.ColumnID]bool {
	out := make(map[plan.ColumnID]bool, len(s))
	for _, c := range s {
		out[c.ID] = true
	}
	return out
}

func within(a, b map[plan.ColumnID]bool) bool {
	for id := range a {
		if !b[id] {
			return false
		}
	}
	return true
}
