package exec

import (
	"testing"

	"github.com/warehoused/warehoused/sqlerr"
	"github.com/warehoused/warehoused/types"
)

func TestLookupFuncTypes(t *testing.T) {
	tD152 := types.DecimalType(15, 2)
	cases := []struct {
		name string
		args []types.T
		ret  types.T
		code sqlerr.Code
	}{
		{"+", []types.T{types.Int32Type, types.Int32Type}, types.Int32Type, ""},
		{"+", []types.T{types.Int16Type, types.Int64Type}, types.Int64Type, ""},
		{"+", []types.T{types.Int32Type, types.UnknownType}, types.Int32Type, ""},
		{"*", []types.T{types.Int32Type, types.Float64Type}, types.Float64Type, ""},
		{"+", []types.T{tD152, tD152}, types.DecimalType(16, 2), ""},
		{"-", []types.T{types.Int32Type, tD152}, types.DecimalType(16, 2), ""},
		{"*", []types.T{tD152, types.DecimalType(16, 2)}, types.DecimalType(32, 4), ""},
		{"*", []types.T{types.DecimalType(32, 4), types.DecimalType(16, 2)}, types.DecimalType(38, 6), ""},
		{"/", []types.T{tD152, tD152}, types.T{}, ""},
		{"+", []types.T{types.DateType, types.Int32Type}, types.DateType, ""},
		{"-", []types.T{types.DateType, types.DateType}, types.Int32Type, ""},
		{"-", []types.T{types.DateType, types.IntervalT}, types.TSType, ""},
		{"-", []types.T{types.TSType, types.TSType}, types.IntervalT, ""},
		{"*", []types.T{types.IntervalT, types.Int32Type}, types.IntervalT, ""},
		{"+", []types.T{types.DateType, types.TextType}, types.T{}, sqlerr.UndefinedFunction},
		{"=", []types.T{types.DateType, types.TSType}, types.BoolType, ""},
		{"<", []types.T{tD152, types.Int32Type}, types.BoolType, ""},
		{"=", []types.T{types.IntervalT, types.Int32Type}, types.T{}, sqlerr.UndefinedFunction},
		{"||", []types.T{types.TextType, types.Int32Type}, types.TextType, ""},
		{"||", []types.T{types.UnknownType, types.Int32Type}, types.TextType, ""},
		{"like", []types.T{types.VarcharOf(10), types.UnknownType}, types.BoolType, ""},
		{"upper", []types.T{types.Int32Type}, types.T{}, sqlerr.UndefinedFunction},
		{"nosuchfn", []types.T{}, types.T{}, sqlerr.UndefinedFunction},
		{"coalesce", []types.T{types.Int32Type, types.Int64Type, types.UnknownType}, types.Int64Type, ""},
		{"coalesce", []types.T{types.DateType, types.TSType}, types.TSType, ""},
		{"substring", []types.T{types.CharType(15), types.Int32Type, types.Int32Type}, types.TextType, ""},
		{"extract", []types.T{types.TextType, types.DateType}, types.Float64Type, ""},
		{"round", []types.T{tD152, types.Int32Type}, types.DecimalType(16, 2), ""},
		{"abs", []types.T{types.Int64Type}, types.Int64Type, ""},
		{"date_trunc", []types.T{types.UnknownType, types.DateType}, types.TSType, ""},
		{"%", []types.T{types.Float64Type, types.Float64Type}, types.T{}, sqlerr.UndefinedFunction},
		{"-", []types.T{types.Int64Type}, types.Int64Type, ""},
		{"getdate", nil, types.TSType, ""},
		{"decode", []types.T{types.Int32Type, types.Int32Type, types.UnknownType, types.UnknownType}, types.TextType, ""},
	}
	for _, c := range cases {
		s, err := LookupFunc(c.name, c.args)
		if c.code != "" {
			if sqlerr.CodeOf(err) != c.code {
				t.Errorf("%s%v: err %v, want %s", c.name, c.args, err, c.code)
			}
			continue
		}
		if err != nil {
			t.Errorf("%s%v: %v", c.name, c.args, err)
			continue
		}
		if c.name == "/" {
			continue // checked in TestDecimalDivideType
		}
		if s.Ret != c.ret {
			t.Errorf("%s%v ret %s, want %s", c.name, c.args, s.Ret, c.ret)
		}
		if len(s.Params) != len(c.args) {
			t.Errorf("%s%v: %d params", c.name, c.args, len(s.Params))
		}
	}
	_, err := LookupFunc("+", []types.T{types.DateType, types.TextType})
	if err == nil || err.Error() != "operator does not exist: date + text" {
		t.Errorf("message: %v", err)
	}
	_, err = LookupFunc("upper", []types.T{types.Int32Type})
	if err == nil || err.Error() != "function upper(integer) does not exist" {
		t.Errorf("message: %v", err)
	}
}

func TestDecimalDivideType(t *testing.T) {
	s, err := LookupFunc("/", []types.T{types.DecimalType(15, 2), types.DecimalType(15, 2)})
	if err != nil {
		t.Fatal(err)
	}
	if s.Ret.Scale < 6 || s.Ret.Precision > 38 {
		t.Fatalf("ret %s", s.Ret)
	}
}

func TestCanCast(t *testing.T) {
	cases := []struct {
		from, to types.T
		explicit bool
		want     bool
	}{
		{types.Int32Type, types.Int64Type, false, true},
		{types.Int64Type, types.Int32Type, false, false},
		{types.Int64Type, types.Int32Type, true, true},
		{types.Int32Type, types.DecimalType(10, 2), false, true},
		{types.DecimalType(10, 2), types.Float64Type, false, true},
		{types.Float64Type, types.DecimalType(10, 2), false, false},
		{types.TextType, types.Int32Type, false, false},
		{types.TextType, types.Int32Type, true, true},
		{types.Int32Type, types.TextType, true, true},
		{types.DateType, types.TSType, false, true},
		{types.TSType, types.DateType, false, false},
		{types.TSType, types.DateType, true, true},
		{types.BoolType, types.Int32Type, true, true},
		{types.DateType, types.IntervalT, true, false},
		{types.UnknownType, types.DateType, false, true},
	}
	for _, c := range cases {
		if got := CanCast(c.from, c.to, c.explicit); got != c.want {
			t.Errorf("CanCast(%s, %s, %v) = %v", c.from, c.to, c.explicit, got)
		}
	}
}

func TestUnknownOperandFallback(t *testing.T) {
	s, err := LookupFunc("+", []types.T{types.TSType, types.UnknownType})
	if err != nil || s.Ret != types.TSType || s.Params[1] != types.IntervalT {
		t.Fatalf("ts + unknown: %v %v", s, err)
	}
	s, err = LookupFunc("-", []types.T{types.DateType, types.UnknownType})
	if err != nil || s.Ret != types.Int32Type {
		t.Fatalf("date - unknown: %v %v", s, err)
	}
}
