package exec

import (
	"slices"
	"strings"
	"testing"

	"github.com/warehoused/warehoused/sqlerr"
	"github.com/warehoused/warehoused/types"
)

func TestCatalogPureFunctions(t *testing.T) {
	runFnTestCases(t, []fnTestCase{
		{"format_type", []fnArg{tI8(23), tNull(types.Int64Type)}, "integer", ""},
		{"format_type", []fnArg{tI8(1043), tI8(44)}, "character varying(40)", ""},
		{"format_type", []fnArg{tI8(1700), tI8(12<<16 | 2 + 4)}, "numeric(12,2)", ""},
		{"format_type", []fnArg{tI8(1042), tI8(-1)}, "bpchar", ""},
		{"format_type", []fnArg{tI8(1007), tI8(-1)}, "integer[]", ""},
		{"format_type", []fnArg{tI8(999999), tI8(-1)}, "???", ""},
		{"format_type", []fnArg{tNull(types.Int64Type), tI8(-1)}, "NULL", ""},
		{"pg_encoding_to_char", []fnArg{tI8(6)}, "UTF8", ""},
		{"pg_size_pretty", []fnArg{tI8(10239)}, "10239 bytes", ""},
		{"pg_size_pretty", []fnArg{tI8(10240)}, "10 kB", ""},
		{"pg_size_pretty", []fnArg{tI8(-123456789)}, "-118 MB", ""},
		{"array_to_string", []fnArg{tText(`{a,NULL,"b c"}`), tText("-")}, "a-b c", ""},
		{"array_to_string", []fnArg{tText(`{a,NULL}`), tText("-"), tText("*")}, "a-*", ""},
		{"array_upper", []fnArg{tText("{}"), tI8(1)}, "NULL", ""},
		{"array_upper", []fnArg{tText("{x,y}"), tI8(1)}, "2", ""},
		{"array_subscript", []fnArg{tText("1 3 5"), tI8(2)}, "3", ""},
		{"array_subscript", []fnArg{tText("{1,3}"), tI8(3)}, "NULL", ""},
		{"string_to_array", []fnArg{tText("a,b"), tText(",")}, "{a,b}", ""},
		{"array_affix", []fnArg{tText("{a,b}"), tText("toast."), tText("")}, "{toast.a,toast.b}", ""},
		{"array_affix", []fnArg{tNull(types.TextType), tText("toast."), tText("")}, "{}", ""},
		{"array_any_op", []fnArg{tText("="), tText("2"), tText("{1,2}")}, "t", ""},
		{"array_any_op", []fnArg{tText("="), tText("9"), tText("{1,NULL}")}, "NULL", ""},
		{"array_all_op", []fnArg{tText("<"), tText("0"), tText("{1,2}")}, "t", ""},
		{"pg_get_expr", []fnArg{tText("'a'::text"), tI8(1)}, "'a'::text", ""},
		{"has_table_privilege", []fnArg{tText("t"), tText("select")}, "t", ""},
	})
}

func TestTextArrayRoundTrip(t *testing.T) {
	cases := [][]string{{}, {"a"}, {"", "NULL", "a b", `q"x`, `back\slash`, "{}", "x,y"}}
	for _, elems := range cases {
		s := FormatTextArray(elems)
		got, null, err := ParseTextArray(s)
		if err != nil {
			t.Fatalf("%q: %v", s, err)
		}
		if slices.Contains(null, true) || !slices.Equal(got, elems) && len(elems) > 0 {
			t.Errorf("%q: got %q null %v, want %q", s, got, null, elems)
		}
	}
	if _, _, err := ParseTextArray(`{"unterminated}`); err == nil {
		t.Error("unterminated quote: no error")
	}
	if _, null, _ := ParseTextArray(`{NULL,"NULL"}`); !null[0] || null[1] {
		t.Errorf("NULL handling: %v", null)
	}
}

func TestPgTypeNames(t *testing.T) {
	for name, oid := range map[string]int64{"integer": 23, "int4": 23, "character varying": 1043, "int4[]": 1007, "_text": 1009, "pg_catalog.bool": 16, `"char"`: 18} {
		if pt, ok := PgTypeByName(name); !ok || pt.OID != oid {
			t.Errorf("PgTypeByName(%q) = %d, %v; want %d", name, pt.OID, ok, oid)
		}
	}
	for _, tt := range []types.T{types.BoolType, types.Int16Type, types.Int32Type, types.Int64Type, types.Float32Type, types.Float64Type,
		types.DecimalType(10, 2), types.CharType(3), types.VarcharOf(5), types.TextType, types.DateType, types.TimeType,
		types.TSType, types.TSTZType, types.IntervalT} {
		if _, ok := PgTypeByOID(int64(tt.OID())); !ok {
			t.Errorf("%s (oid %d) missing from PgTypes", tt, tt.OID())
		}
	}
	if p, ok := ProcByName("array_in"); !ok || p.OID != 750 {
		t.Errorf("array_in: %+v %v", p, ok)
	}
	if p, ok := ProcByName("lower"); !ok || procName(p.OID) != "lower" {
		t.Errorf("lower: %+v %v", p, ok)
	}
}

func procName(oid int64) string { p, _ := ProcByOID(oid); return p.Name }

// FuzzParseTextArray: the array reader never panics, and what it accepts
// formats back to a literal it reads the same way.
func FuzzParseTextArray(f *testing.F) {
	for _, s := range []string{"{}", "{a,b}", `{"a b",NULL}`, "1 2 3", `{"\"",\\}`, "[1:2]={a,b}", "{", `{"}`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		elems, null, err := ParseTextArray(s)
		if err != nil {
			return
		}
		if len(elems) != len(null) {
			t.Fatalf("%q: %d elems, %d null flags", s, len(elems), len(null))
		}
		var keep []string
		for i, e := range elems {
			if !null[i] {
				keep = append(keep, e)
			}
		}
		again, _, err := ParseTextArray(FormatTextArray(keep))
		if err != nil || strings.Join(again, "\x00") != strings.Join(keep, "\x00") {
			t.Fatalf("%q: round trip of %q gave %q, %v", s, keep, again, err)
		}
	})
}

func TestFormatFunction(t *testing.T) {
	runFnTestCases(t, []fnTestCase{
		{"format", []fnArg{tText("%I.%I = %L, %s%%"), tText("Sch"), tText("t"), tText("it's"), tI8(5)}, `"Sch".t = 'it''s', 5%`, ""},
		{"format", []fnArg{tText("%L|%s|"), tNull(types.TextType), tNull(types.TextType)}, "NULL||", ""},
		{"format", []fnArg{tText("%s %s"), tText("a")}, "", sqlerr.InvalidParameterValue},
		{"format", []fnArg{tText("%I"), tNull(types.TextType)}, "", sqlerr.NullValueNotAllowed},
	})
}

func TestJSONBuildObject(t *testing.T) {
	runFnTestCases(t, []fnTestCase{
		{"json_build_object", []fnArg{tText("a"), tI8(1), tText("b"), tNull(types.TextType), tText("c"), tText(`x"y`)}, `{"a" : 1, "b" : null, "c" : "x\"y"}`, ""},
		{"json_build_object", []fnArg{tText("a")}, "", sqlerr.InvalidParameterValue},
	})
}
