package exec

import (
	"github.com/warehoused/warehoused/sqlerr"
	"github.com/warehoused/warehoused/types"
	"github.com/warehoused/warehoused/vector"
)

// aggFunc holds the states of one aggregate for every group of a hash table,
// in typed slices indexed by group id (no per-group objects).
//
// Every method works on whole batches or whole tables, so the interface call
// is paid once per batch, never per row.
type aggFunc interface {
	// resize makes the state hold exactly n groups; new groups start empty
	// (resize(0) then resize(1) resets a single-group state).
	resize(n int)
	// update folds rows [0, n) of args into groups gids[i]. gids is nil when
	// every row belongs to group 0 (no GROUP BY). args are the vectors of the
	// aggregate's input columns (aggInputs order); NULLs are skipped.
	update(gids []uint32, args []*vector.Vector, n int) error
	// merge folds group g of src (same concrete type) into group mapping[g].
	merge(src aggFunc, mapping []uint32)
	// finalize returns the results of groups [0, n) as a vector of the
	// aggregate's result type.
	finalize(n int) (*vector.Vector, error)
}

// aggResulter is implemented by aggregates that can write one group's result
// straight into a row of a vector (windows use it to avoid a vector per row).
type aggResulter interface {
	resultInto(g int, out *vector.Vector, i int) error
}

// aggInputs returns the input columns an aggregate's update reads, in order.
// Most aggregates read their Args; ordered-set aggregates and listagg also
// read their ORDER BY keys.
func aggInputs(s *AggSpec) []int {
	switch s.Name {
	case "listagg", "string_agg":
		cols := append([]int(nil), s.Args...)
		for _, o := range s.OrderBy {
			cols = append(cols, o.Col)
		}
		return cols
	case "median", "percentile_cont", "percentile_disc":
		if len(s.OrderBy) > 0 {
			return []int{s.OrderBy[0].Col}
		}
		if len(s.Args) > 0 {
			return []int{s.Args[len(s.Args)-1]}
		}
		return nil
	}
	return s.Args
}

// aggArgType returns the type of input i of aggInputs(s), given the input schema.
func aggArgType(s *AggSpec, in []types.T, i int) types.T {
	cols := aggInputs(s)
	if i < len(cols) && cols[i] >= 0 && cols[i] < len(in) {
		return in[cols[i]]
	}
	if i < len(s.ArgTypes) {
		return s.ArgTypes[i]
	}
	return types.UnknownType
}

// specArgTypes returns the argument types LookupAgg resolves s by: the types
// of its Args, or of its WITHIN GROUP key for an ordered-set aggregate
// without Args.
func specArgTypes(s *AggSpec, in []types.T) []types.T {
	var ts []types.T
	for _, c := range s.Args {
		if c >= 0 && c < len(in) {
			ts = append(ts, in[c])
		}
	}
	if len(ts) == 0 && len(s.OrderBy) > 0 {
		switch s.Name {
		case "median", "percentile_cont", "percentile_disc":
			ts = append(ts, in[s.OrderBy[0].Col])
		}
	}
	return ts
}

// newAggFunc builds the state holder for one aggregate. in is the schema of
// the operator's input (to type the ORDER BY keys).
func newAggFunc(s *AggSpec, in []types.T) (aggFunc, error) {
	ret := s.Ret
	if ret.ID == types.Unknown {
		t, err := LookupAgg(s.Name, specArgTypes(s, in), s.Distinct)
		if err != nil {
			return nil, err
		}
		ret = t
	}
	switch s.Name {
	case "listagg", "string_agg", "median", "percentile_cont", "percentile_disc":
		return newCollectAgg(s, in, ret)
	}
	if s.Distinct && s.Name != "min" && s.Name != "max" && s.Name != "bool_and" &&
		s.Name != "bool_or" && s.Name != "every" && s.Name != "any_value" &&
		s.Name != "approximate_count_distinct" && s.Name != "bit_and" && s.Name != "bit_or" {
		plain := *s
		plain.Distinct = false
		plain.Ret = ret
		return newDistinctAgg(&plain, in)
	}
	var argT types.T
	if len(s.Args) > 0 {
		argT = aggArgType(s, in, 0)
	}
	switch s.Name {
	case "count":
		return &countAgg{star: len(s.Args) == 0}, nil
	case "sum", "avg":
		return newSumAgg(s.Name == "avg", argT, ret)
	case "min", "max", "any_value", "bool_and", "bool_or", "every":
		return newMinMaxAgg(s.Name, argT, ret)
	case "stddev", "stddev_samp", "stddev_pop", "variance", "var_samp", "var_pop":
		return newVarAgg(s.Name, argT)
	case "approximate_count_distinct":
		return &hllAgg{}, nil
	case "bit_and", "bit_or":
		if !argT.IsInteger() {
			return nil, noAgg(s.Name, []types.T{argT})
		}
		return &bitAgg{or: s.Name == "bit_or", ret: ret}, nil
	}
	return nil, noAgg(s.Name, s.ArgTypes)
}

// resizeSlice returns s with exactly n elements; elements past the old
// length are zero (reused capacity is cleared).
func resizeSlice[T any](s []T, n int) []T {
	if n <= len(s) {
		return s[:n]
	}
	old := len(s)
	if n <= cap(s) {
		s = s[:n]
		clear(s[old:])
		return s
	}
	ns := make([]T, n, max(n, 2*cap(s), 16))
	copy(ns, s)
	return ns
}

// nullsOf returns v's NULL bitmap, or nil when none of its n rows is NULL.
func nullsOf(v *vector.Vector, n int) vector.Bitmap {
	if v.Nulls.Any(n) {
		return v.Nulls
	}
	return nil
}

// allNull reports whether v holds no values at all (an untyped NULL column).
func allNull(v *vector.Vector) bool { return v.Type.Physical() == types.PhysNull }

// zeroGids returns a slice of n zero group ids held in *buf.
func zeroGids(buf *[]uint32, n int) []uint32 {
	if cap(*buf) < n {
		*buf = make([]uint32, n)
	}
	return (*buf)[:n]
}

// overflowErr is the 22003 a sum or average raises beyond DECIMAL(38).
func overflowErr() error {
	return sqlerr.Newf(sqlerr.NumericValueOutOfRange, "numeric field overflow").
		WithDetail("A field with precision 38 must round to an absolute value less than 10^38.")
}

// copyValue stores row j of src into row i of dst (same physical kind),
// without boxing.
func copyValue(dst *vector.Vector, i int, src *vector.Vector, j int) {
	if src.Nulls.IsNull(j) || src.Type.Physical() == types.PhysNull {
		dst.SetNull(i)
		return
	}
	if dst.Nulls != nil {
		dst.Nulls.SetValid(i)
	}
	switch dst.Type.Physical() {
	case types.PhysBool:
		dst.Bools[i] = src.Bools[j]
	case types.PhysInt64:
		dst.Ints[i] = src.Ints[j]
	case types.PhysFloat64:
		dst.Floats[i] = src.Floats[j]
	case types.PhysDecimal128:
		dst.Decs[i] = src.Decs[j]
	case types.PhysString:
		dst.Strs[i] = src.Strs[j]
	case types.PhysInterval:
		dst.Ivs[i] = src.Ivs[j]
	}
}
