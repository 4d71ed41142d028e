package pgwire

import (
	"context"
	"strconv"
	"testing"
	"time"

	"github.com/warehoused/warehoused"
	"github.com/warehoused/warehoused/types"
)

// TestDecodeParamThroughEngine: what DecodeParam returns, passed to the
// engine as a statement argument, is the value that was encoded (the Go
// values are the ones the root package converts exactly).
func TestDecodeParamThroughEngine(t *testing.T) {
	ctx := context.Background()
	db, err := warehoused.Open(ctx, "", warehoused.Config{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	conn, err := db.Connect(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	for _, c := range formatCases {
		t.Run(c.name, func(t *testing.T) {
			name := c.t.String()
			if c.t.ID == types.Char {
				name = "char(" + strconv.Itoa(c.t.Width) + ")"
			}
			v := vectorOf(c.t, c.d)
			for _, format := range []int16{0, 1} {
				var data []byte
				if format == 0 {
					data = AppendText(make([]byte, 0, 16), v, 0, time.UTC)
				} else {
					data, _ = AppendBinary(make([]byte, 0, 16), v, 0)
				}
				arg, err := DecodeParam(c.t, format, data)
				if err != nil {
					t.Fatal(err)
				}
				rows, err := conn.Query(ctx, "SELECT CAST($1 AS "+name+")", arg)
				if err != nil {
					t.Fatalf("format %d, arg %#v: %v", format, arg, err)
				}
				if !rows.Next() {
					t.Fatalf("no row: %v", rows.Err())
				}
				col := rows.Columns()[0]
				got := types.FormatIn(col.Type, rows.Values()[0], time.UTC)
				rows.Close()
				if got != c.text {
					t.Errorf("format %d, arg %#v: engine has %q (%s), want %q", format, arg, got, col.Type, c.text)
				}
			}
		})
	}
}
