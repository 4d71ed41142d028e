package load

import (
	"fmt"
	"strings"
	"testing"

	"github.com/warehoused/warehoused/types"
)

// lineitemFields is TPC-H lineitem's layout.
var lineitemFields = []Field{
	{"l_orderkey", types.Int32Type}, {"l_partkey", types.Int32Type}, {"l_suppkey", types.Int32Type},
	{"l_linenumber", types.Int32Type}, {"l_quantity", types.DecimalType(15, 2)},
	{"l_extendedprice", types.DecimalType(15, 2)}, {"l_discount", types.DecimalType(15, 2)},
	{"l_tax", types.DecimalType(15, 2)}, {"l_returnflag", types.CharType(1)}, {"l_linestatus", types.CharType(1)},
	{"l_shipdate", types.DateType}, {"l_commitdate", types.DateType}, {"l_receiptdate", types.DateType},
	{"l_shipinstruct", types.CharType(25)}, {"l_shipmode", types.CharType(10)}, {"l_comment", types.VarcharOf(44)},
}

func lineitemText(rows int) []byte {
	var sb strings.Builder
	modes := []string{"AIR", "MAIL", "SHIP", "TRUCK", "RAIL", "FOB", "REG AIR"}
	instr := []string{"DELIVER IN PERSON", "COLLECT COD", "NONE", "TAKE BACK RETURN"}
	for i := 0; i < rows; i++ {
		fmt.Fprintf(&sb, "%d|%d|%d|%d|%d.00|%d.%02d|0.0%d|0.0%d|%c|%c|1996-%02d-%02d|1996-02-12|1996-03-22|%s|%s|comment number %d blithely ironic|\n",
			i/4+1, i*7%200000, i%10000, i%7+1, i%50+1, 1000+i%90000, i%100, i%10, i%9, "NAR"[i%3], "OF"[i%2],
			i%12+1, i%28+1, instr[i%4], modes[i%7], i)
	}
	return []byte(sb.String())
}

// BenchmarkParseLineitem parses a 4 MiB chunk of lineitem-like lines.
func BenchmarkParseLineitem(b *testing.B) {
	data := lineitemText(30000)
	p := newParser(Options{Format: "text", Delim: '|', Null: `\N`}, lineitemFields)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if res := p.parseChunk(data); res.err != nil {
			b.Fatal(res.err.err)
		}
	}
}
