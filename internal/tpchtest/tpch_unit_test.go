package tpchtest

import "testing"

func TestValuesMatch(t *testing.T) {
	for _, c := range []struct {
		exp, act string
		ok       bool
	}{
		{"ALGERIA  ", "ALGERIA", true},
		{"25.575154611454693", "25.5751546114546930", true},
		{"505822441.4861", "505822441.48610001", true},
		{"0.05008133906964238", "0.050081339069642", true},
		{"12.34", "12.3400001", true},
		{"12.34", "12.35", false},
		{"abc", "abd", false},
		{"1996-01-01", "1996-01-01", true},
	} {
		if got := ValuesMatch(c.exp, c.act); got != c.ok {
			t.Errorf("ValuesMatch(%q, %q) = %v", c.exp, c.act, got)
		}
	}
}

func TestRowsMatchTies(t *testing.T) {
	exp := [][]string{{"a", "1"}, {"b", "1"}}
	act := [][]string{{"b", "1"}, {"a", "1"}}
	if d := RowsMatch(exp, act); d != "" {
		t.Errorf("tied rows in other order: %s", d)
	}
	if d := RowsMatch(exp, [][]string{{"a", "1"}}); d == "" {
		t.Error("row count difference not reported")
	}
}

func TestSchemaStatements(t *testing.T) {
	s := SchemaStatements("-- c\nCREATE TABLE a (\n x INT\n);\n\nCREATE TABLE b (y INT);\n")
	if len(s) != 2 || s[1] != "CREATE TABLE b (y INT)" {
		t.Errorf("got %q", s)
	}
}

func TestParseAnswerNullRow(t *testing.T) {
	a, err := ParseAnswer("q17.csv", "avg_yearly\n\n")
	if err != nil {
		t.Fatal(err)
	}
	if len(a.Rows) != 1 || len(a.Rows[0]) != 1 || a.Rows[0][0] != "" {
		t.Errorf("rows = %q, want one NULL row", a.Rows)
	}
	a, err = ParseAnswer("q.csv", "a,b\n1,\"x,y\"\n")
	if err != nil || len(a.Rows) != 1 || a.Rows[0][1] != "x,y" {
		t.Errorf("rows = %q, %v", a.Rows, err)
	}
}
