package bind

import (
	"github.com/warehoused/warehoused/planner/plan"
	"github.com/warehoused/warehoused/sql/ast"
	"github.com/warehoused/warehoused/sqlerr"
	"github.com/warehoused/warehoused/types"
)

// sameTypeArgs lists functions whose arguments (from the given index on) are
// resolved to one common type, as PostgreSQL does for these special forms.
var sameTypeArgs = map[string]int{
	"coalesce": 0, "nullif": 0, "greatest": 0, "least": 0, "nvl": 0, "nvl2": 1,
}

func (b *Binder) bindFuncCall(f *ast.FuncCall, ctx *exprCtx) (plan.Expr, error) {
	name := f.Name
	if name == "approximate count" {
		name = "approximate_count_distinct"
	}
	if f.Over != nil {
		return b.bindWindowCall(f, name, ctx)
	}
	if name == "grouping" {
		return b.bindGrouping(f, ctx)
	}
	if out, ok, err := b.bindCatalogCall(f, ctx); ok { // bind_catalog.go
		return out, err
	}
	if b.isAgg(name) {
		return b.bindAggCall(f, name, ctx)
	}
	if windowOnly[name] {
		return nil, errAt(sqlerr.Newf(sqlerr.WrongObjectType, "window function %s requires an OVER clause", name), f.Loc)
	}
	if f.Star || f.Distinct || f.OrderBy != nil || f.Filter != nil {
		return nil, errAt(sqlerr.Newf(sqlerr.WrongObjectType, "%s is not an aggregate function", name), f.Loc)
	}
	fargs := f.Args
	if datePartFuncs[name] && len(fargs) > 0 {
		// Redshift's DATEADD(day, 1, d): a bare date part is a string.
		if cr, ok := fargs[0].(*ast.ColumnRef); ok && len(cr.Parts) == 1 && !cr.Star {
			if _, err := ctx.sc.resolve(cr.Parts, cr.Loc); err != nil {
				fargs = append([]ast.Expr{&ast.Const{Kind: ast.ConstString, Text: cr.Parts[0], Loc: cr.Loc}}, fargs[1:]...)
			}
		}
	}
	args, err := b.bindExprs(fargs, ctx)
	if err != nil {
		return nil, err
	}
	if from, ok := sameTypeArgs[name]; ok && len(args) > from {
		t, err := b.commonType(exprTypes(args[from:]), name)
		if err != nil {
			return nil, errAt(sqlerr.From(err), f.Loc)
		}
		for i := from; i < len(args); i++ {
			if args[i], err = b.coerce(args[i], t); err != nil {
				return nil, withLoc(err, f.Loc)
			}
		}
	}
	if name == "decode" && len(args) >= 3 {
		if err := b.coerceDecode(args, f.Loc); err != nil {
			return nil, err
		}
	}
	if lazyForms[name] {
		// Later arguments are evaluated only when needed (coalesce(1, 1/0) is 1).
		if d, ok, derr := b.desugar(name, args, f.Loc); ok || derr != nil {
			return d, derr
		}
	}
	out, err := b.call(name, args, f.Loc)
	if err != nil && sqlerr.CodeOf(err) == sqlerr.UndefinedFunction {
		// Special forms the registry lacks are spelled as CASE.
		if d, ok, derr := b.desugar(name, args, f.Loc); ok || derr != nil {
			return d, derr
		}
	}
	return out, err
}

// coerceDecode resolves DECODE(expr, search, result, ..., [default]): searches
// take expr's type, results one common type.
func (b *Binder) coerceDecode(args []plan.Expr, loc int) error {
	var searches, results []int
	searches = append(searches, 0)
	for i := 1; i < len(args); i += 2 {
		if i+1 < len(args) {
			searches = append(searches, i)
			results = append(results, i+1)
		} else {
			results = append(results, i)
		}
	}
	for _, idxs := range [][]int{searches, results} {
		ts := make([]types.T, len(idxs))
		for j, i := range idxs {
			ts[j] = args[i].Type()
		}
		t, err := b.commonType(ts, "DECODE")
		if err != nil {
			return errAt(sqlerr.From(err), loc)
		}
		for _, i := range idxs {
			if args[i], err = b.coerce(args[i], t); err != nil {
				return withLoc(err, loc)
			}
		}
	}
	return nil
}

// lazyForms are always spelled as CASE: their later arguments must not be
// evaluated for rows that do not need them.
var lazyForms = map[string]bool{"coalesce": true, "nvl": true, "nvl2": true, "decode": true}

// datePartFuncs take a date part first, which Redshift lets users write bare.
var datePartFuncs = map[string]bool{
	"dateadd": true, "datediff": true, "date_add": true, "date_diff": true,
	"datepart": true, "date_part": true, "date_trunc": true,
}

// aggCollector gathers the aggregate calls of one query level.
type aggCollector struct {
	calls []plan.AggCall
	keys  map[string]plan.ColumnID
}

func (b *Binder) bindAggCall(f *ast.FuncCall, name string, ctx *exprCtx) (plan.Expr, error) {
	if ctx.inAgg {
		return nil, errAt(sqlerr.Newf(sqlerr.GroupingError, "aggregate function calls cannot be nested"), f.Loc)
	}
	if ctx.aggs == nil {
		return nil, errAt(sqlerr.Newf(sqlerr.GroupingError, "aggregate functions are not allowed in %s", ctx.clause), f.Loc)
	}
	actx := &exprCtx{sc: ctx.sc, env: ctx.env, clause: "aggregate function calls", inAgg: true, named: ctx.named}
	call := plan.AggCall{Name: name, Distinct: f.Distinct}
	if name == "count" && f.Distinct && f.Star {
		return nil, errAt(sqlerr.Newf(sqlerr.SyntaxError, "count(DISTINCT *) is not supported"), f.Loc)
	}
	args, err := b.bindExprs(f.Args, actx)
	if err != nil {
		return nil, err
	}
	for i := range args {
		if args[i], err = b.resolveUnknown(args[i]); err != nil {
			return nil, err
		}
	}
	if name == "count" && f.Star {
		args = nil
	}
	var order []plan.SortKey
	for _, o := range f.OrderBy {
		k, err := b.bindExpr(o.Expr, actx)
		if err != nil {
			return nil, err
		}
		if k, err = b.resolveUnknown(k); err != nil {
			return nil, err
		}
		order = append(order, sortKey(k, o))
	}
	lookupTypes := exprTypes(args)
	if f.WithinGroup && (name == "percentile_cont" || name == "percentile_disc" || name == "median") {
		// AggCall.Args = [value, fraction...]; the value is the WITHIN GROUP key.
		if len(order) != 1 {
			return nil, errAt(sqlerr.Newf(sqlerr.SyntaxError, "%s requires exactly one WITHIN GROUP ordering key", name), f.Loc)
		}
		if name != "median" && len(args) == 1 {
			if args[0], err = b.coerce(args[0], types.Float64Type); err != nil {
				return nil, err
			}
		}
		lookupTypes = append(exprTypes(args), order[0].Expr.Type())
		args = append([]plan.Expr{order[0].Expr}, args...)
	}
	call.Args = args
	call.OrderBy = order
	if f.Filter != nil {
		if call.Filter, err = b.bindBool(f.Filter, actx, "FILTER"); err != nil {
			return nil, err
		}
	}
	ret, err := b.reg.LookupAgg(name, lookupTypes, f.Distinct)
	if err != nil {
		return nil, withLoc(err, f.Loc)
	}
	key := aggKey(call)
	if ctx.aggs.keys == nil {
		ctx.aggs.keys = map[string]plan.ColumnID{}
	}
	if id, ok := ctx.aggs.keys[key]; ok {
		return &plan.ColRef{ID: id, Typ: ret, Name: name}, nil
	}
	call.Col = plan.Column{ID: b.ids.New(), Name: name, Type: ret, Nullable: name != "count" && name != "approximate_count_distinct"}
	ctx.aggs.keys[key] = call.Col.ID
	ctx.aggs.calls = append(ctx.aggs.calls, call)
	return &plan.ColRef{ID: call.Col.ID, Typ: ret, Name: name}, nil
}

func aggKey(c plan.AggCall) string {
	k := c.Name + "|" + exprKey(&plan.Call{Args: c.Args}) + "|" + exprKey(c.Filter)
	if c.Distinct {
		k += "|d"
	}
	for _, o := range c.OrderBy {
		k += "|" + exprKey(o.Expr)
		if o.Desc {
			k += "d"
		}
		if o.NullsFirst {
			k += "f"
		}
	}
	return k
}

// sortKey applies PostgreSQL's NULLS default: last for ASC, first for DESC.
func sortKey(e plan.Expr, o *ast.OrderItem) plan.SortKey {
	k := plan.SortKey{Expr: e, Desc: o.Desc, NullsFirst: o.Desc}
	switch o.Nulls {
	case ast.NullsFirst:
		k.NullsFirst = true
	case ast.NullsLast:
		k.NullsFirst = false
	}
	return k
}

// bindGrouping binds GROUPING(a, b, ...) over the grouping id: bit i of the
// id is set when GroupBy[i] is aggregated away in the row's set.
func (b *Binder) bindGrouping(f *ast.FuncCall, ctx *exprCtx) (plan.Expr, error) {
	g := ctx.grp
	if g == nil || ctx.aggs == nil {
		return nil, errAt(sqlerr.Newf(sqlerr.GroupingError, "arguments to GROUPING must be grouping expressions of the associated query level"), f.Loc)
	}
	actx := &exprCtx{sc: ctx.sc, env: ctx.env, clause: "GROUPING", inAgg: true}
	args, err := b.bindExprs(f.Args, actx)
	if err != nil {
		return nil, err
	}
	idx := make([]int, len(args))
	for i, a := range args {
		j, ok := g.keys[exprKey(a)]
		if !ok {
			return nil, errAt(sqlerr.Newf(sqlerr.GroupingError, "arguments to GROUPING must be grouping expressions of the associated query level"), f.Loc)
		}
		idx[i] = j
	}
	if g.gid == nil {
		return &plan.Const{Value: int64(0), Typ: types.Int32Type}, nil
	}
	gid := &plan.ColRef{ID: g.gid.ID, Typ: types.Int64Type, Name: "grouping"}
	// Result bit (n-1-i) is the id's bit idx[i]: a CASE per argument, summed.
	var sum plan.Expr
	n := len(idx)
	for i, j := range idx {
		mask := &plan.Const{Value: int64(1) << j, Typ: types.Int64Type}
		and, err := b.call("&", []plan.Expr{gid, mask}, f.Loc)
		if err != nil {
			return nil, err
		}
		nz, err := b.call("<>", []plan.Expr{and, &plan.Const{Value: int64(0), Typ: types.Int64Type}}, f.Loc)
		if err != nil {
			return nil, err
		}
		term := &plan.Case{Whens: []plan.When{{Cond: nz, Then: &plan.Const{Value: int64(1) << (n - 1 - i), Typ: types.Int32Type}}},
			Else: &plan.Const{Value: int64(0), Typ: types.Int32Type}, Typ: types.Int32Type}
		if sum == nil {
			sum = term
		} else if sum, err = b.call("+", []plan.Expr{sum, term}, f.Loc); err != nil {
			return nil, err
		}
	}
	return sum, nil
}
