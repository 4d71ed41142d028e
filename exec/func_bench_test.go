package exec

import (
	"testing"

	"github.com/warehoused/warehoused/types"
	"github.com/warehoused/warehoused/vector"
)

func exprBenchBatch(n int) *vector.Batch {
	tD152 := types.DecimalType(15, 2)
	dates := vector.New(types.DateType, n)
	price := vector.New(tD152, n)
	disc := vector.New(tD152, n)
	comment := vector.New(types.VarcharOf(44), n)
	words := []string{"furiously special requests", "quickly green deposits", "blithely ironic packages", "carefully final accounts"}
	for i := 0; i < n; i++ {
		dates.Ints[i] = 8000 + int64(i%2500)
		price.Ints[i] = 100000 + int64(i*37%900000)
		disc.Ints[i] = int64(i % 11)
		comment.Strs[i] = words[i%len(words)]
	}
	return &vector.Batch{Cols: []*vector.Vector{dates, price, disc, comment}, N: n}
}

func BenchmarkCompareDateConst(b *testing.B) {
	in := exprBenchBatch(2048)
	e, _ := NewCall("<=", []Expr{NewColRef(0, types.DateType), NewConst(int64(10490), types.DateType)})
	b.ReportAllocs()
	for b.Loop() {
		if _, err := e.Eval(nil, in); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkDecimalMultiply(b *testing.B) {
	in := exprBenchBatch(2048)
	tD152 := types.DecimalType(15, 2)
	one := NewConst(int64(1), types.Int32Type)
	oneDec, _ := NewCast(one, types.DecimalType(10, 0), "")
	minus, _ := NewCall("-", []Expr{oneDec, NewColRef(2, tD152)})
	e, _ := NewCall("*", []Expr{NewColRef(1, tD152), minus})
	if e.Type().Precision != 32 {
		b.Fatalf("type %s", e.Type())
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := e.Eval(nil, in); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkLikeContains(b *testing.B) {
	in := exprBenchBatch(2048)
	e, _ := NewCall("like", []Expr{NewColRef(3, types.VarcharOf(44)), NewConst("%green%", types.TextType)})
	b.ReportAllocs()
	for b.Loop() {
		if _, err := e.Eval(nil, in); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkLikeGeneral(b *testing.B) {
	in := exprBenchBatch(2048)
	e, _ := NewCall("like", []Expr{NewColRef(3, types.VarcharOf(44)), NewConst("%special%requests%", types.TextType)})
	b.ReportAllocs()
	for b.Loop() {
		if _, err := e.Eval(nil, in); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkExtractYear(b *testing.B) {
	in := exprBenchBatch(2048)
	e, _ := NewCall("extract", []Expr{NewConst("year", types.TextType), NewColRef(0, types.DateType)})
	b.ReportAllocs()
	for b.Loop() {
		if _, err := e.Eval(nil, in); err != nil {
			b.Fatal(err)
		}
	}
}
