package redshift

import (
	"strings"
	"testing"
)

func TestStringValue(t *testing.T) {
	tests := []struct {
		raw, want string
		ok        bool
	}{
		{`'abc'`, "abc", true},
		{`'it''s'`, "it's", true},
		{`E'a\nb\\c\'d'`, "a\nb\\c'd", true},
		{`$$x;y$$`, "x;y", true},
		{`$tag$a$b$tag$`, "a$b", true},
		{`'open`, "", false},
		{`$$`, "", false},
	}
	for _, tt := range tests {
		got, ok := StringValue(tt.raw)
		if got != tt.want || ok != tt.ok {
			t.Errorf("StringValue(%q) = %q, %v", tt.raw, got, ok)
		}
	}
}

func TestRewriteKeepsOffsets(t *testing.T) {
	text := `create table t (a int encode az64 distkey, b date) diststyle key sortkey (b)`
	toks, err := Scan(text)
	if err != nil {
		t.Fatal(err)
	}
	res, err := Rewrite(text, toks)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Text) != len(text) {
		t.Fatalf("length changed: %q", res.Text)
	}
	want := "create table t (a int , b date)"
	if strings.Join(strings.Fields(res.Text), " ") != want {
		t.Fatalf("got  %q\nwant %q", res.Text, want)
	}
	if a := res.Table.Columns["a"]; a == nil || a.Encode != "az64" || !a.DistKey {
		t.Fatalf("column attrs %+v", a)
	}
}
