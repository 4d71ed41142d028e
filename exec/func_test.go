package exec

import (
	"testing"

	"github.com/warehoused/warehoused/sqlerr"
	"github.com/warehoused/warehoused/types"
)

var (
	tD152 = types.DecimalType(15, 2)
	tDate = func(s string) fnArg { d, _ := types.Parse(types.DateType, s); return targ(types.DateType, d) }
	tTS   = func(s string) fnArg { d, _ := types.Parse(types.TSType, s); return targ(types.TSType, d) }
	tDec  = func(s string, p, sc int) fnArg {
		t := types.DecimalType(p, sc)
		d, _ := types.Parse(t, s)
		return targ(t, d)
	}
	tIv = func(s string) fnArg { d, _ := types.Parse(types.IntervalT, s); return targ(types.IntervalT, d) }
)

func TestArithmetic(t *testing.T) {
	runFnTestCases(t, []fnTestCase{
		{"+", []fnArg{tI4(1), tI4(2)}, "3", ""},
		{"+", []fnArg{tI4(2147483647), tI4(1)}, "", sqlerr.NumericValueOutOfRange},
		{"*", []fnArg{tI8(1 << 62), tI8(4)}, "", sqlerr.NumericValueOutOfRange},
		{"-", []fnArg{tI8(-9223372036854775807 - 1)}, "", sqlerr.NumericValueOutOfRange},
		{"/", []fnArg{tI4(7), tI4(2)}, "3", ""},
		{"/", []fnArg{tI4(-7), tI4(2)}, "-3", ""},
		{"/", []fnArg{tI4(1), tI4(0)}, "", sqlerr.DivisionByZero},
		{"%", []fnArg{tI4(7), tI4(0)}, "", sqlerr.DivisionByZero},
		{"%", []fnArg{tI4(-7), tI4(3)}, "-1", ""},
		{"/", []fnArg{tF8(1), tF8(0)}, "", sqlerr.DivisionByZero},
		{"/", []fnArg{tF8(1), tF8(4)}, "0.25", ""},
		{"^", []fnArg{tF8(2), tF8(10)}, "1024", ""},
		{"+", []fnArg{tI4(1), tNull(types.Int32Type)}, "NULL", ""},
		{"/", []fnArg{tNull(types.Int32Type), tI4(0)}, "NULL", ""},
		{"+", []fnArg{tDec("1.25", 15, 2), tDec("2.5", 15, 1)}, "3.75", ""},
		{"-", []fnArg{tI4(1), tDec("0.06", 15, 2)}, "0.94", ""},
		{"*", []fnArg{tDec("1000.50", 15, 2), tDec("0.94", 16, 2)}, "940.4700", ""},
		{"*", []fnArg{tDec("-2.5", 15, 1), tDec("2.5", 15, 1)}, "-6.25", ""},
		{"*", []fnArg{tDec("12345678901234567.89", 38, 2), tDec("100", 38, 0)}, "1234567890123456789.00", ""},
		{"/", []fnArg{tDec("1", 15, 2), tDec("3", 15, 2)}, "0.3333333333333333", ""},
		{"/", []fnArg{tDec("2", 15, 2), tDec("3", 15, 2)}, "0.6666666666666667", ""},
		{"/", []fnArg{tDec("1", 15, 2), tDec("0", 15, 2)}, "", sqlerr.DivisionByZero},
		{"%", []fnArg{tDec("7.5", 15, 1), tDec("2", 15, 0)}, "1.5", ""},
		{"+", []fnArg{tDec("99999999999999999999999999999999999999", 38, 0), tDec("1", 38, 0)}, "", sqlerr.NumericValueOutOfRange},
		{"-", []fnArg{tDec("1.5", 15, 1)}, "-1.5", ""},
		{"+", []fnArg{tDate("1998-12-01"), tI4(1)}, "1998-12-02", ""},
		{"-", []fnArg{tDate("1998-12-01"), tDate("1998-01-01")}, "334", ""},
		{"-", []fnArg{tDate("1998-12-01"), tIv("90 days")}, "1998-09-02 00:00:00", ""},
		{"+", []fnArg{tDate("2024-01-31"), tIv("1 month")}, "2024-02-29 00:00:00", ""},
		{"-", []fnArg{tTS("2024-03-02 01:00:00"), tTS("2024-03-01 00:00:00")}, "1 day 01:00:00", ""},
		{"+", []fnArg{tIv("1 day"), tIv("-2 hours")}, "1 day -02:00:00", ""},
		{"*", []fnArg{tIv("1 month"), tF8(1.5)}, "1 mon 15 days", ""},
		{"/", []fnArg{tIv("1 day"), tF8(0)}, "", sqlerr.DivisionByZero},
		{"&", []fnArg{tI4(12), tI4(10)}, "8", ""},
		{"|", []fnArg{tI4(12), tI4(10)}, "14", ""},
		{"#", []fnArg{tI4(12), tI4(10)}, "6", ""},
		{"<<", []fnArg{tI4(1), tI4(4)}, "16", ""},
		{"~", []fnArg{tI4(0)}, "-1", ""},
		{"+", []fnArg{tDate("2020-01-01"), tText("x")}, "", sqlerr.UndefinedFunction},
	})
}

func TestComparison(t *testing.T) {
	runFnTestCases(t, []fnTestCase{
		{"=", []fnArg{tI4(1), tI8(1)}, "t", ""},
		{"<", []fnArg{tDec("1.50", 15, 2), tI4(2)}, "t", ""},
		{">=", []fnArg{tF8(1.5), tDec("1.5", 15, 1)}, "t", ""},
		{"=", []fnArg{tDate("2020-01-01"), tTS("2020-01-01 00:00:00")}, "t", ""},
		{"<", []fnArg{tDate("2020-01-01"), tTS("2020-01-01 00:00:01")}, "t", ""},
		{"<>", []fnArg{tText("a"), targ(types.CharType(3), "a")}, "f", ""},
		{"<", []fnArg{tText("abc"), tText("abd")}, "t", ""},
		{"=", []fnArg{tIv("1 month"), tIv("30 days")}, "t", ""},
		{"=", []fnArg{tI4(1), tNull(types.Int32Type)}, "NULL", ""},
		{">", []fnArg{targ(types.BoolType, true), targ(types.BoolType, false)}, "t", ""},
		{"=", []fnArg{tDec("1", 38, 0), tDec("1.00", 15, 2)}, "t", ""},
	})
}

func TestStringFunctions(t *testing.T) {
	runFnTestCases(t, []fnTestCase{
		{"substring", []fnArg{tText("hello"), tI4(2), tI4(3)}, "ell", ""},
		{"substring", []fnArg{tText("hello"), tI4(0), tI4(3)}, "he", ""},
		{"substring", []fnArg{tText("hello"), tI4(-5), tI4(3)}, "", ""},
		{"substring", []fnArg{tText("hello"), tI4(4)}, "lo", ""},
		{"substring", []fnArg{tText("hello"), tI4(2), tI4(-1)}, "", sqlerr.Code("22011")},
		{"substr", []fnArg{tText("héllo"), tI4(2), tI4(2)}, "él", ""},
		{"substring", []fnArg{tText("13-555"), tI4(1), tI4(2)}, "13", ""},
		{"substring", []fnArg{tText("abc123def"), tText("[0-9]+")}, "123", ""},
		{"position", []fnArg{tText("hello"), tText("ll")}, "3", ""},
		{"strpos", []fnArg{tText("hello"), tText("z")}, "0", ""},
		{"upper", []fnArg{tText("abc")}, "ABC", ""},
		{"upper", []fnArg{tNull(types.TextType)}, "NULL", ""},
		{"lower", []fnArg{tText("ABC")}, "abc", ""},
		{"initcap", []fnArg{tText("hello wORLD")}, "Hello World", ""},
		{"btrim", []fnArg{tText("  x  ")}, "x", ""},
		{"btrim", []fnArg{tText("xxaxx"), tText("x")}, "a", ""},
		{"ltrim", []fnArg{tText("  x ")}, "x ", ""},
		{"rtrim", []fnArg{tText("  x ")}, "  x", ""},
		{"length", []fnArg{tText("héllo")}, "5", ""},
		{"octet_length", []fnArg{tText("héllo")}, "6", ""},
		{"len", []fnArg{targ(types.CharType(10), "ab")}, "2", ""},
		{"lpad", []fnArg{tText("5"), tI4(3), tText("0")}, "005", ""},
		{"lpad", []fnArg{tText("hello"), tI4(2)}, "he", ""},
		{"rpad", []fnArg{tText("ab"), tI4(5), tText("xy")}, "abxyx", ""},
		{"left", []fnArg{tText("hello"), tI4(2)}, "he", ""},
		{"left", []fnArg{tText("hello"), tI4(-2)}, "hel", ""},
		{"right", []fnArg{tText("hello"), tI4(2)}, "lo", ""},
		{"replace", []fnArg{tText("aXbX"), tText("X"), tText("yy")}, "ayybyy", ""},
		{"translate", []fnArg{tText("12345"), tText("143"), tText("ax")}, "a2x5", ""},
		{"split_part", []fnArg{tText("a,b,c"), tText(","), tI4(2)}, "b", ""},
		{"split_part", []fnArg{tText("a,b,c"), tText(","), tI4(5)}, "", ""},
		{"split_part", []fnArg{tText("a,b,c"), tText(","), tI4(0)}, "", sqlerr.InvalidParameterValue},
		{"concat", []fnArg{tText("a"), tNull(types.TextType), tI4(1)}, "a1", ""},
		{"concat_ws", []fnArg{tText("-"), tText("a"), tNull(types.TextType), tText("b")}, "a-b", ""},
		{"concat_ws", []fnArg{tNull(types.TextType), tText("a")}, "NULL", ""},
		{"||", []fnArg{tText("a"), tI4(1)}, "a1", ""},
		{"||", []fnArg{tText("a"), tNull(types.TextType)}, "NULL", ""},
		{"repeat", []fnArg{tText("ab"), tI4(3)}, "ababab", ""},
		{"reverse", []fnArg{tText("abc")}, "cba", ""},
		{"starts_with", []fnArg{tText("abc"), tText("ab")}, "t", ""},
		{"chr", []fnArg{tI4(65)}, "A", ""},
		{"ascii", []fnArg{tText("A")}, "65", ""},
		{"md5", []fnArg{tText("abc")}, "900150983cd24fb0d6963f7d28e17f72", ""},
		{"quote_ident", []fnArg{tText("Foo")}, `"Foo"`, ""},
		{"quote_literal", []fnArg{tText("it's")}, `'it''s'`, ""},
		{"to_hex", []fnArg{tI4(255)}, "ff", ""},
		{"regexp_replace", []fnArg{tText("a1b22"), tText("[0-9]+"), tText("#")}, "a#b#", ""},
		{"regexp_replace", []fnArg{tText("a1b22"), tText("([0-9]+)"), tText("<\\1>"), tText("")}, "a<1>b22", ""},
		{"regexp_substr", []fnArg{tText("a1b22"), tText("[0-9]+"), tI4(1), tI4(2)}, "22", ""},
		{"regexp_substr", []fnArg{tText("abc"), tText("[0-9]+")}, "", ""},
		{"regexp_count", []fnArg{tText("a1b22c333"), tText("[0-9]+")}, "3", ""},
		{"regexp_instr", []fnArg{tText("a1b22"), tText("[0-9]+"), tI4(1), tI4(2)}, "4", ""},
		{"~", []fnArg{tText("abc"), tText("^a.c$")}, "t", ""},
		{"~*", []fnArg{tText("ABC"), tText("^a")}, "t", ""},
		{"!~", []fnArg{tText("abc"), tText("^b")}, "t", ""},
		{"~", []fnArg{tText("abc"), tText("(")}, "", sqlerr.InvalidRegularExpression},
	})
}

func TestLike(t *testing.T) {
	runFnTestCases(t, []fnTestCase{
		{"like", []fnArg{tText("forest green"), tText("%green%")}, "t", ""},
		{"like", []fnArg{tText("PROMO BRUSHED"), tText("PROMO%")}, "t", ""},
		{"like", []fnArg{tText("abc"), tText("%bc")}, "t", ""},
		{"like", []fnArg{tText("abc"), tText("abc")}, "t", ""},
		{"like", []fnArg{tText("abc"), tText("a_c")}, "t", ""},
		{"like", []fnArg{tText("abc"), tText("a_")}, "f", ""},
		{"like", []fnArg{tText("special requests"), tText("%special%requests%")}, "t", ""},
		{"like", []fnArg{tText("requests special"), tText("%special%requests%")}, "f", ""},
		{"like", []fnArg{tText("a%c"), tText("a\\%c")}, "t", ""},
		{"like", []fnArg{tText("abc"), tText("a\\%c")}, "f", ""},
		{"like", []fnArg{tText("a%c"), tText("a!%c"), tText("!")}, "t", ""},
		{"like", []fnArg{tText("héllo"), tText("h_llo")}, "t", ""},
		{"like", []fnArg{tNull(types.TextType), tText("%")}, "NULL", ""},
		{"like", []fnArg{tText("x"), tNull(types.TextType)}, "NULL", ""},
		{"ilike", []fnArg{tText("ABC"), tText("a%")}, "t", ""},
		{"like", []fnArg{tText("ab"), tText("%%b")}, "t", ""},
		{"like", []fnArg{tText("aXbXc"), tText("%X%X%")}, "t", ""},
		{"similar_to", []fnArg{tText("abc"), tText("(a|x)%")}, "t", ""},
		{"similar_to", []fnArg{tText("abc"), tText("b%")}, "f", ""},
	})
}

func TestDateFunctions(t *testing.T) {
	runFnTestCases(t, []fnTestCase{
		{"extract", []fnArg{tText("year"), tDate("1995-06-17")}, "1995", ""},
		{"extract", []fnArg{tText("month"), tDate("1995-06-17")}, "6", ""},
		{"extract", []fnArg{tText("dow"), tDate("2024-03-17")}, "0", ""},
		{"extract", []fnArg{tText("doy"), tDate("2024-03-01")}, "61", ""},
		{"extract", []fnArg{tText("quarter"), tDate("2024-08-01")}, "3", ""},
		{"extract", []fnArg{tText("week"), tDate("2024-01-01")}, "1", ""},
		{"extract", []fnArg{tText("epoch"), tTS("1970-01-02 00:00:01.5")}, "86401.5", ""},
		{"date_part", []fnArg{tText("second"), tTS("2020-01-01 10:11:12.25")}, "12.25", ""},
		{"date_part", []fnArg{tText("hour"), tIv("1 day 05:00:00")}, "5", ""},
		{"extract", []fnArg{tText("fortnight"), tDate("2024-01-01")}, "", sqlerr.InvalidParameterValue},
		{"date_trunc", []fnArg{tText("month"), tTS("2024-03-15 10:11:12")}, "2024-03-01 00:00:00", ""},
		{"date_trunc", []fnArg{tText("week"), tTS("2024-03-17 10:11:12")}, "2024-03-11 00:00:00", ""},
		{"date_trunc", []fnArg{tText("quarter"), tDate("2024-05-15")}, "2024-04-01 00:00:00", ""},
		{"date_trunc", []fnArg{tText("hour"), tTS("2024-03-15 10:11:12")}, "2024-03-15 10:00:00", ""},
		{"dateadd", []fnArg{tText("month"), tI4(1), tDate("2008-01-31")}, "2008-02-29 00:00:00", ""},
		{"dateadd", []fnArg{tText("day"), tI4(-1), tTS("2008-03-01 10:00:00")}, "2008-02-29 10:00:00", ""},
		{"datediff", []fnArg{tText("year"), tDate("2019-12-31"), tDate("2020-01-01")}, "1", ""},
		{"datediff", []fnArg{tText("day"), tDate("2020-01-01"), tDate("2020-03-01")}, "60", ""},
		{"datediff", []fnArg{tText("month"), tDate("2020-01-31"), tDate("2020-02-01")}, "1", ""},
		{"datediff", []fnArg{tText("hour"), tTS("2020-01-01 10:59:00"), tTS("2020-01-01 11:00:00")}, "1", ""},
		{"add_months", []fnArg{tDate("2024-02-29"), tI4(1)}, "2024-03-31 00:00:00", ""},
		{"add_months", []fnArg{tDate("2024-01-15"), tI4(-2)}, "2023-11-15 00:00:00", ""},
		{"months_between", []fnArg{tDate("2024-03-15"), tDate("2024-01-15")}, "2", ""},
		{"last_day", []fnArg{tDate("2024-02-10")}, "2024-02-29", ""},
		{"trunc", []fnArg{tTS("2024-02-10 12:00:00")}, "2024-02-10", ""},
		{"make_date", []fnArg{tI4(2024), tI4(2), tI4(29)}, "2024-02-29", ""},
		{"make_date", []fnArg{tI4(2023), tI4(2), tI4(29)}, "", sqlerr.DatetimeFieldOverflow},
		{"age", []fnArg{tTS("2024-03-15 00:00:00"), tTS("2020-01-20 00:00:00")}, "4 years 1 mon 26 days", ""},
		{"convert_timezone", []fnArg{tText("UTC"), tText("America/New_York"), tTS("2024-01-01 12:00:00")}, "2024-01-01 07:00:00", ""},
		{"convert_timezone", []fnArg{tText("+02:00"), tTS("2024-01-01 12:00:00")}, "2024-01-01 14:00:00", ""},
		{"getdate", nil, "2024-03-15 10:30:45", ""},
		{"now", nil, "2024-03-15 10:30:00+00", ""},
		{"current_date", nil, "2024-03-15", ""},
		{"to_char", []fnArg{tTS("2024-03-05 14:07:09"), tText("YYYY-MM-DD HH24:MI:SS")}, "2024-03-05 14:07:09", ""},
		{"to_char", []fnArg{tDate("2024-03-05"), tText("Mon DD, YYYY")}, "Mar 05, 2024", ""},
		{"to_char", []fnArg{tDate("2024-03-05"), tText("FMMonth FMDD Day Q")}, "March 5 Tuesday   1", ""},
		{"to_char", []fnArg{tTS("2024-03-05 14:07:09"), tText("HH12:MI AM")}, "02:07 PM", ""},
		{"to_char", []fnArg{tDec("1234.5", 15, 2), tText("999,999.99")}, "   1,234.50", ""},
		{"to_char", []fnArg{tDec("-1234.5", 15, 2), tText("FM999,999.99")}, "-1,234.5", ""},
		{"to_char", []fnArg{tI4(42), tText("0000")}, " 0042", ""},
		{"to_date", []fnArg{tText("05 Mar 2024"), tText("DD Mon YYYY")}, "2024-03-05", ""},
		{"to_date", []fnArg{tText("20240305"), tText("YYYYMMDD")}, "2024-03-05", ""},
		{"to_timestamp", []fnArg{tText("2024-03-05 14:07:09"), tText("YYYY-MM-DD HH24:MI:SS")}, "2024-03-05 14:07:09+00", ""},
		{"to_number", []fnArg{tText("$1,234.50"), tText("L9,999.99")}, "1234.500000", ""},
	})
}

func TestMathAndCondFunctions(t *testing.T) {
	runFnTestCases(t, []fnTestCase{
		{"abs", []fnArg{tI4(-3)}, "3", ""},
		{"abs", []fnArg{tDec("-1.25", 15, 2)}, "1.25", ""},
		{"round", []fnArg{tDec("2.5", 15, 1)}, "3.0", ""},
		{"round", []fnArg{tDec("-2.5", 15, 1)}, "-3.0", ""},
		{"round", []fnArg{tDec("1.2345", 15, 4), tI4(2)}, "1.2300", ""},
		{"round", []fnArg{tF8(2.5)}, "2", ""},
		{"round", []fnArg{tF8(3.5)}, "4", ""},
		{"trunc", []fnArg{tDec("-1.99", 15, 2)}, "-1.00", ""},
		{"ceil", []fnArg{tDec("1.01", 15, 2)}, "2.00", ""},
		{"floor", []fnArg{tDec("-1.01", 15, 2)}, "-2.00", ""},
		{"floor", []fnArg{tF8(-1.5)}, "-2", ""},
		{"sign", []fnArg{tDec("-3.2", 15, 1)}, "-1.0", ""},
		{"mod", []fnArg{tI4(10), tI4(3)}, "1", ""},
		{"mod", []fnArg{tI4(10), tI4(0)}, "", sqlerr.DivisionByZero},
		{"power", []fnArg{tI4(2), tI4(3)}, "8", ""},
		{"sqrt", []fnArg{tF8(16)}, "4", ""},
		{"sqrt", []fnArg{tF8(-1)}, "", sqlerr.Code("2201F")},
		{"ln", []fnArg{tF8(0)}, "", sqlerr.Code("2201E")},
		{"log", []fnArg{tF8(1000)}, "3", ""},
		{"log", []fnArg{tF8(2), tF8(8)}, "3", ""},
		{"cbrt", []fnArg{tF8(27)}, "3", ""},
		{"pi", nil, "3.141592653589793", ""},
		{"degrees", []fnArg{tF8(3.141592653589793)}, "180", ""},
		{"width_bucket", []fnArg{tF8(5), tF8(0), tF8(10), tI4(5)}, "3", ""},
		{"coalesce", []fnArg{tNull(types.Int32Type), tI4(2), tI4(3)}, "2", ""},
		{"coalesce", []fnArg{tNull(types.Int32Type), tNull(types.Int32Type)}, "NULL", ""},
		{"nvl", []fnArg{tNull(types.TextType), tText("x")}, "x", ""},
		{"nvl2", []fnArg{tNull(types.TextType), tText("a"), tText("b")}, "b", ""},
		{"nvl2", []fnArg{tI4(1), tText("a"), tText("b")}, "a", ""},
		{"nullif", []fnArg{tI4(1), tI4(1)}, "NULL", ""},
		{"nullif", []fnArg{tI4(1), tI4(2)}, "1", ""},
		{"decode", []fnArg{tI4(2), tI4(1), tText("one"), tI4(2), tText("two"), tText("other")}, "two", ""},
		{"decode", []fnArg{tI4(9), tI4(1), tText("one"), tText("other")}, "other", ""},
		{"decode", []fnArg{tNull(types.Int32Type), tNull(types.Int32Type), tText("null!")}, "null!", ""},
		{"greatest", []fnArg{tI4(1), tNull(types.Int32Type), tI4(3)}, "3", ""},
		{"least", []fnArg{tI4(1), tNull(types.Int32Type), tI4(3)}, "1", ""},
		{"greatest", []fnArg{tNull(types.Int32Type)}, "NULL", ""},
		{"current_user", nil, "alice", ""},
		{"current_database", nil, "dev", ""},
		{"current_schema", nil, "public", ""},
		{"version", nil, "PostgreSQL 8.0.2 on warehoused", ""},
		{"pg_backend_pid", nil, "0", ""},
	})
}

func TestRoundWidens(t *testing.T) {
	runFnTestCases(t, []fnTestCase{
		{"round", []fnArg{tDec("9.99", 3, 2)}, "10.00", ""},
		{"ceil", []fnArg{tDec("9.5", 18, 1)}, "10.0", ""},
	})
}

func TestPostgresEdgeCases(t *testing.T) {
	nan := tF8(0)
	nan.v = func() float64 { z := 0.0; return z / z }()
	runFnTestCases(t, []fnTestCase{
		{"=", []fnArg{nan, nan}, "t", ""},
		{">", []fnArg{nan, tF8(1e308)}, "t", ""},
		{"<", []fnArg{tF8(1), nan}, "t", ""},
		{"+", []fnArg{tDate("2024-01-01"), tI4(2147483647)}, "", sqlerr.DatetimeFieldOverflow},
		{"octet_length", []fnArg{targ(types.CharType(4), "ab")}, "4", ""},
		{"/", []fnArg{tI4(1), tDec("3.0", 2, 1)}, "0.3333333333333333", ""},
		{"||", []fnArg{tText("abc"), targ(types.BoolType, true)}, "abctrue", ""},
	})
}

func TestNilContextAndDateFn(t *testing.T) {
	e := mustFnCall(t, "getdate")
	if _, err := EvalConst(nil, e); err != nil {
		t.Fatal(err)
	}
	runFnTestCases(t, []fnTestCase{
		{"date", []fnArg{tTS("2024-02-10 12:00:00")}, "2024-02-10", ""},
		{"date", []fnArg{tText("2024-02-10")}, "2024-02-10", ""},
	})
}
