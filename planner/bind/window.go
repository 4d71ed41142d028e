package bind

import (
	"github.com/warehoused/warehoused/planner/plan"
	"github.com/warehoused/warehoused/sql/ast"
	"github.com/warehoused/warehoused/sqlerr"
	"github.com/warehoused/warehoused/types"
)

// winCollector gathers the window functions of one query level.
type winCollector struct {
	funcs []plan.WindowFunc
}

// resolveWindowDef merges OVER (w ...) / OVER w with the named window w.
func resolveWindowDef(d *ast.WindowDef, named map[string]*ast.WindowDef) (*ast.WindowDef, error) {
	if d.RefName == "" {
		return d, nil
	}
	base, ok := named[d.RefName]
	if !ok {
		return nil, errAt(sqlerr.Newf(sqlerr.UndefinedObject, "window \"%s\" does not exist", d.RefName), d.Loc)
	}
	base, err := resolveWindowDef(base, named)
	if err != nil {
		return nil, err
	}
	out := *base
	out.Name, out.RefName = "", ""
	if len(d.PartitionBy) > 0 {
		return nil, errAt(sqlerr.Newf(sqlerr.WindowingError, "cannot override PARTITION BY clause of window \"%s\"", d.RefName), d.Loc)
	}
	if len(d.OrderBy) > 0 {
		if len(base.OrderBy) > 0 {
			return nil, errAt(sqlerr.Newf(sqlerr.WindowingError, "cannot override ORDER BY clause of window \"%s\"", d.RefName), d.Loc)
		}
		out.OrderBy = d.OrderBy
	}
	if d.Frame != nil {
		out.Frame = d.Frame
	}
	return &out, nil
}

func (b *Binder) bindWindowCall(f *ast.FuncCall, name string, ctx *exprCtx) (plan.Expr, error) {
	if ctx.wins == nil {
		if ctx.inAgg {
			return nil, errAt(sqlerr.Newf(sqlerr.GroupingError, "aggregate function calls cannot contain window function calls"), f.Loc)
		}
		return nil, errAt(sqlerr.Newf(sqlerr.WindowingError, "window functions are not allowed in %s", ctx.clause), f.Loc)
	}
	def, err := resolveWindowDef(f.Over, ctx.named)
	if err != nil {
		return nil, err
	}
	// Arguments may hold aggregates (sum(sum(x)) OVER ()), never windows.
	wctx := *ctx
	wctx.wins = nil
	wctx.clause = "window function arguments"
	// bindArg binds an argument, PARTITION BY or ORDER BY expression: its
	// unknown literals resolved, then read through the grouping if any.
	bindArg := func(a ast.Expr) (plan.Expr, error) {
		e, err := b.bindExpr(a, &wctx)
		if err != nil {
			return nil, err
		}
		if e, err = b.resolveUnknown(e); err != nil {
			return nil, err
		}
		if ctx.grp != nil {
			return ctx.grp.replace(e)
		}
		return e, nil
	}
	wf := plan.WindowFunc{Name: name, Distinct: f.Distinct}
	if !(name == "count" && f.Star) {
		for _, a := range f.Args {
			e, err := bindArg(a)
			if err != nil {
				return nil, err
			}
			wf.Args = append(wf.Args, e)
		}
	}
	if (name == "lag" || name == "lead") && len(wf.Args) == 3 {
		if wf.Args[2], err = b.coerce(wf.Args[2], wf.Args[0].Type()); err != nil {
			return nil, err
		}
	}
	for _, p := range def.PartitionBy {
		e, err := bindArg(p)
		if err != nil {
			return nil, err
		}
		wf.PartitionBy = append(wf.PartitionBy, e)
	}
	for _, o := range def.OrderBy {
		e, err := bindArg(o.Expr)
		if err != nil {
			return nil, err
		}
		wf.OrderBy = append(wf.OrderBy, sortKey(e, o))
	}
	if wf.Frame, err = b.bindFrame(def, wf.OrderBy); err != nil {
		return nil, err
	}
	ret, err := b.reg.LookupWindow(name, exprTypes(wf.Args))
	if err != nil {
		return nil, withLoc(err, f.Loc)
	}
	wf.Col = plan.Column{ID: b.ids.New(), Name: name, Type: ret, Nullable: true}
	ctx.wins.funcs = append(ctx.wins.funcs, wf)
	return &plan.ColRef{ID: wf.Col.ID, Typ: ret, Name: name}, nil
}

// bindFrame spells out the frame, defaulting as PostgreSQL does. Offsets
// are constants: a row or group count for ROWS/GROUPS; for RANGE a distance
// in the ORDER BY key's physical units (days for DATE, microseconds for
// TIMESTAMP, unscaled units for DECIMAL).
func (b *Binder) bindFrame(d *ast.WindowDef, order []plan.SortKey) (plan.Frame, error) {
	if d.Frame == nil {
		if len(order) > 0 {
			return plan.Frame{Mode: plan.FrameRange, Start: plan.FrameBound{Kind: plan.UnboundedPreceding}, End: plan.FrameBound{Kind: plan.CurrentRow}}, nil
		}
		return plan.Frame{Mode: plan.FrameRows, Start: plan.FrameBound{Kind: plan.UnboundedPreceding}, End: plan.FrameBound{Kind: plan.UnboundedFollowing}}, nil
	}
	fr := plan.Frame{Mode: plan.FrameMode(d.Frame.Mode)}
	bound := func(fb ast.FrameBound, what string) (plan.FrameBound, error) {
		out := plan.FrameBound{Kind: plan.BoundKind(fb.Kind)}
		if fb.Kind != ast.OffsetPreceding && fb.Kind != ast.OffsetFollowing {
			return out, nil
		}
		loc := exprLoc(fb.Offset)
		if loc < 0 {
			loc = d.Loc
		}
		if fr.Mode == plan.FrameRange && len(order) != 1 {
			return out, errAt(sqlerr.Newf(sqlerr.WindowingError, "RANGE with offset PRECEDING/FOLLOWING requires exactly one ORDER BY column"), loc)
		}
		x, err := b.BindConstExpr(fb.Offset)
		if err != nil {
			return out, err
		}
		var key types.T
		if fr.Mode == plan.FrameRange {
			key = order[0].Expr.Type()
		}
		v, ok := frameOffset(x, fr.Mode, key)
		if !ok {
			return out, errAt(notSupported("window frame offset %s of type %s is not supported here", what, x.Type()), loc)
		}
		if v < 0 {
			return out, errAt(sqlerr.Newf(sqlerr.Code("22013"), "frame %s offset must not be negative", what), loc)
		}
		out.Offset = v
		return out, nil
	}
	var err error
	if fr.Start, err = bound(d.Frame.Start, "starting"); err != nil {
		return fr, err
	}
	if fr.End, err = bound(d.Frame.End, "ending"); err != nil {
		return fr, err
	}
	if fr.Start.Kind == plan.UnboundedFollowing {
		return fr, errAt(sqlerr.Newf(sqlerr.WindowingError, "frame start cannot be UNBOUNDED FOLLOWING"), d.Loc)
	}
	if fr.End.Kind == plan.UnboundedPreceding {
		return fr, errAt(sqlerr.Newf(sqlerr.WindowingError, "frame end cannot be UNBOUNDED PRECEDING"), d.Loc)
	}
	return fr, nil
}

// frameOffset converts a constant frame offset to the units the window
// operator uses.
func frameOffset(x plan.Expr, mode plan.FrameMode, key types.T) (int64, bool) {
	c, ok := x.(*plan.Const)
	if !ok || c.Value == nil {
		return 0, false
	}
	if mode != plan.FrameRange || key.IsInteger() || key.ID == types.Float32 || key.ID == types.Float64 {
		if c.Typ.IsInteger() {
			return c.Value.(int64), true
		}
		if c.Typ.ID == types.Decimal && c.Typ.Scale == 0 && c.Typ.Precision <= types.MaxInt64DecimalPrecision {
			return c.Value.(int64), true
		}
		return 0, false
	}
	switch key.ID {
	case types.Decimal:
		var v int64
		var scale int
		switch {
		case c.Typ.IsInteger():
			v = c.Value.(int64)
		case c.Typ.ID == types.Decimal && c.Typ.Precision <= types.MaxInt64DecimalPrecision:
			v, scale = c.Value.(int64), c.Typ.Scale
		default:
			return 0, false
		}
		if scale > key.Scale {
			return 0, false
		}
		r, ok := types.Rescale64(v, scale, key.Scale)
		return r, ok
	case types.Date, types.Timestamp, types.TimestampTZ, types.Time:
		iv, ok := c.Value.(types.IntervalValue)
		if !ok || iv.Months != 0 {
			return 0, false
		}
		if key.ID == types.Date {
			if iv.Micros != 0 {
				return 0, false
			}
			return int64(iv.Days), true
		}
		return int64(iv.Days)*86400_000_000 + iv.Micros, true
	}
	return 0, false
}

// buildWindows stacks one Window node per distinct (PARTITION BY, ORDER BY),
// so each node's functions share their ordering.
func buildWindows(in plan.Node, funcs []plan.WindowFunc) plan.Node {
	var order []string
	groups := map[string][]plan.WindowFunc{}
	for _, f := range funcs {
		k := exprKey(&plan.Call{Args: f.PartitionBy}) + "|"
		for _, o := range f.OrderBy {
			k += exprKey(o.Expr)
			if o.Desc {
				k += "d"
			}
			if o.NullsFirst {
				k += "f"
			}
			k += ","
		}
		if _, ok := groups[k]; !ok {
			order = append(order, k)
		}
		groups[k] = append(groups[k], f)
	}
	for _, k := range order {
		in = &plan.Window{Input: in, Funcs: groups[k]}
	}
	return in
}
