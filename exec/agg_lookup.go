package exec

import (
	"github.com/warehoused/warehoused/sqlerr"
	"github.com/warehoused/warehoused/types"
)

// aggNames lists every aggregate NewHashAgg and NewWindow compute.
var aggNames = map[string]bool{
	"count": true, "sum": true, "avg": true, "min": true, "max": true,
	"stddev": true, "stddev_samp": true, "stddev_pop": true,
	"variance": true, "var_samp": true, "var_pop": true,
	"bool_and": true, "bool_or": true, "every": true,
	"listagg": true, "string_agg": true,
	"median": true, "percentile_cont": true, "percentile_disc": true,
	"approximate_count_distinct": true, "any_value": true,
	"bit_and": true, "bit_or": true,
}

// IsAgg reports whether name is an aggregate function.
func IsAgg(name string) bool { return aggNames[name] }

func noAgg(name string, args []types.T) error {
	s := ""
	for i, a := range args {
		if i > 0 {
			s += ", "
		}
		s += a.String()
	}
	return sqlerr.Newf(sqlerr.UndefinedFunction, "function %s(%s) does not exist", name, s).
		WithHint("No function matches the given name and argument types. You might need to add explicit type casts.")
}

// LookupAgg resolves an aggregate's result type (42883 when unknown).
//
// Result types follow PostgreSQL: count → BIGINT; sum(int2/int4) → BIGINT,
// sum(int8) → DECIMAL(38,0), sum(decimal(p,s)) → DECIMAL(38,s), sum(float) →
// DOUBLE; avg(int/decimal) → DECIMAL(38, s') (see avgType), avg(float) →
// DOUBLE;
// min/max/any_value → the argument type; the stddev/variance family → DOUBLE
// (PostgreSQL returns numeric for numeric input; we return DOUBLE);
// bool_and/bool_or/every → BOOLEAN; bit_and/bit_or → the integer type; listagg → VARCHAR, string_agg → TEXT;
// median/percentile_cont → DOUBLE (DECIMAL input keeps its type);
// percentile_disc → the input type; approximate_count_distinct → BIGINT.
// For percentile_cont/percentile_disc the value is the last argument type
// (the WITHIN GROUP key); a leading fraction argument is ignored.
func LookupAgg(name string, args []types.T, distinct bool) (types.T, error) {
	arg := func(i int) types.T {
		if i < len(args) {
			return args[i]
		}
		return types.UnknownType
	}
	switch name {
	case "count", "approximate_count_distinct":
		if name == "approximate_count_distinct" && len(args) != 1 {
			break
		}
		return types.Int64Type, nil
	case "sum":
		if len(args) != 1 {
			break
		}
		switch a := args[0]; a.ID {
		case types.Int16, types.Int32:
			return types.Int64Type, nil
		case types.Int64:
			return types.DecimalType(38, 0), nil
		case types.Decimal:
			return types.DecimalType(38, a.Scale), nil
		case types.Float32, types.Float64:
			return types.Float64Type, nil
		}
	case "avg":
		if len(args) != 1 {
			break
		}
		switch a := args[0]; a.ID {
		case types.Int16:
			return avgType(5, 0), nil
		case types.Int32:
			return avgType(10, 0), nil
		case types.Int64:
			return avgType(19, 0), nil
		case types.Decimal:
			return avgType(a.Precision, a.Scale), nil
		case types.Float32, types.Float64:
			return types.Float64Type, nil
		}
	case "min", "max", "any_value":
		if len(args) != 1 {
			break
		}
		if args[0].ID == types.Unknown {
			return types.TextType, nil
		}
		return args[0], nil
	case "stddev", "stddev_samp", "stddev_pop", "variance", "var_samp", "var_pop":
		if len(args) == 1 && args[0].IsNumeric() {
			return types.Float64Type, nil
		}
	case "bit_and", "bit_or":
		if len(args) == 1 && args[0].IsInteger() {
			return args[0], nil
		}
	case "bool_and", "bool_or", "every":
		if len(args) == 1 && (args[0].ID == types.Bool || args[0].ID == types.Unknown) {
			return types.BoolType, nil
		}
	case "listagg", "string_agg":
		if len(args) < 1 || len(args) > 2 {
			break
		}
		if a := arg(0); !a.IsString() && a.ID != types.Unknown {
			break
		}
		if a := arg(1); len(args) == 2 && !a.IsString() && a.ID != types.Unknown {
			break
		}
		if name == "listagg" {
			return types.VarcharType, nil
		}
		return types.TextType, nil
	case "median", "percentile_cont":
		if len(args) < 1 || len(args) > 2 {
			break
		}
		switch a := args[len(args)-1]; a.ID {
		case types.Int16, types.Int32, types.Int64, types.Float32, types.Float64:
			return types.Float64Type, nil
		case types.Decimal:
			return a, nil
		}
	case "percentile_disc":
		if len(args) < 1 || len(args) > 2 {
			break
		}
		if a := args[len(args)-1]; a.ID != types.Unknown {
			return a, nil
		}
	}
	return types.T{}, noAgg(name, args)
}

// avgType is the type of avg over DECIMAL(p,s) (integers: their digits, scale
// 0). PostgreSQL's numeric average shows at least 16 significant digits; with
// a fixed scale we keep 16 fractional digits where the integer part leaves
// room in 38 digits, and never fewer than the input's scale.
func avgType(p, s int) types.T {
	return types.DecimalType(types.MaxDecimalPrecision, max(s, min(16, types.MaxDecimalPrecision-(p-s))))
}

// LookupWindow resolves a window function's result type (ranking, offset and
// value functions, and every aggregate).
func LookupWindow(name string, args []types.T) (types.T, error) {
	switch name {
	case "row_number", "rank", "dense_rank":
		if len(args) == 0 {
			return types.Int64Type, nil
		}
	case "ntile":
		if len(args) == 1 && args[0].IsInteger() {
			return types.Int64Type, nil
		}
	case "ratio_to_report":
		if len(args) == 1 && args[0].IsNumeric() {
			return types.Float64Type, nil
		}
	case "percent_rank", "cume_dist":
		if len(args) == 0 {
			return types.Float64Type, nil
		}
	case "lag", "lead":
		if len(args) >= 1 && len(args) <= 3 {
			if len(args) >= 2 && !args[1].IsInteger() {
				break
			}
			return args[0], nil
		}
	case "first_value", "last_value":
		if len(args) == 1 {
			return args[0], nil
		}
	case "nth_value":
		if len(args) == 2 && args[1].IsInteger() {
			return args[0], nil
		}
	default:
		if IsAgg(name) {
			return LookupAgg(name, args, false)
		}
	}
	return types.T{}, noAgg(name, args)
}
