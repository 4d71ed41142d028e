package physical

import (
	"fmt"
	"strings"

	"github.com/warehoused/warehoused/exec"
	"github.com/warehoused/warehoused/planner/plan"
)

// buildWindow computes the functions group by group: one exec window
// operator per distinct (PARTITION BY, ORDER BY), each appending its
// functions' columns.
func (b *builder) buildWindow(x *plan.Window) (stream, error) {
	in, err := b.build(x.Input)
	if err != nil {
		return in, err
	}
	// Input columns first, then every partition/order/argument expression.
	ic := inputCols{}
	for _, c := range in.schema {
		ic.exprs = append(ic.exprs, &plan.ColRef{ID: c.ID, Typ: c.Type, Name: c.Name})
		ic.schema = append(ic.schema, c)
	}
	type group struct {
		part  []int
		order []exec.SortSpec
		specs []exec.WindowSpec
		cols  plan.Schema
	}
	var groups []*group
	byKey := map[string]*group{}
	for _, f := range x.Funcs {
		part := make([]int, len(f.PartitionBy))
		for i, p := range f.PartitionBy {
			part[i] = ic.add(p, &b.ids)
		}
		order := sortSpecs(f.OrderBy, &ic, &b.ids)
		spec := exec.WindowSpec{
			Name: f.Name, Distinct: f.Distinct, IgnoreNulls: f.IgnoreNulls, Ret: f.Col.Type,
			Frame: exec.FrameSpec{
				Mode:      uint8(f.Frame.Mode),
				StartKind: uint8(f.Frame.Start.Kind), StartOffset: f.Frame.Start.Offset,
				EndKind: uint8(f.Frame.End.Kind), EndOffset: f.Frame.End.Offset,
			},
		}
		for i, a := range f.Args {
			if windowConstArg(f.Name, i) && isConstExpr(a) {
				d, err := b.evalDatum(a)
				if err != nil {
					closeAll(in.ops)
					return stream{}, err
				}
				spec.Consts = append(spec.Consts, d)
				continue
			}
			spec.Args = append(spec.Args, ic.add(a, &b.ids))
			spec.ArgTypes = append(spec.ArgTypes, a.Type())
		}
		key := fmt.Sprint(part, order)
		g := byKey[key]
		if g == nil {
			g = &group{part: part, order: order}
			byKey[key] = g
			groups = append(groups, g)
		}
		g.specs = append(g.specs, spec)
		g.cols = append(g.cols, f.Col)
	}
	proj, err := b.project(in, ic.exprs, ic.schema)
	if err != nil {
		return proj, err
	}
	op := b.gather(proj)
	schema := proj.schema
	for _, g := range groups {
		op = b.held(x, exec.NewWindow(b.ec, op, g.part, g.order, g.specs))
		schema = append(append(plan.Schema{}, schema...), g.cols...)
	}
	return b.selectCols(stream{ops: []exec.Operator{op}, schema: schema}, x.Schema())
}

// windowConstArg reports whether argument i of window function name is a
// per-query constant (lag/lead offset and default, ntile count, nth_value n).
func windowConstArg(name string, i int) bool {
	switch strings.ToLower(name) {
	case "lag", "lead", "nth_value":
		return i > 0
	case "ntile":
		return true
	}
	return false
}
