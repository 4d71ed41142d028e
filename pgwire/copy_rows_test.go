package pgwire

import (
	"testing"

	"github.com/jackc/pgx/v5/pgproto3"
)

// TestCopyOutOneRowPerMessage: COPY TO STDOUT announces its columns and sends
// each row in its own CopyData, also when a CSV field holds a newline.
func TestCopyOutOneRowPerMessage(t *testing.T) {
	ts := startServer(t, Config{})
	rc := ts.raw(t)
	rc.startup()
	rc.send(&pgproto3.Query{String: "copy (select 1 as a, 'x' || chr(10) || 'y' as b union all select 2, 'z' order by 1) to stdout with (format csv)"})
	msgs := rc.until('Z')
	if got := msgTypes(msgs); got != "HddcCZ" {
		t.Fatalf("messages %q", got)
	}
	if h := msgs[0].(*pgproto3.CopyOutResponse); len(h.ColumnFormatCodes) != 2 {
		t.Fatalf("CopyOutResponse columns %d", len(h.ColumnFormatCodes))
	}
	if d := string(msgs[1].(*pgproto3.CopyData).Data); d != "1,\"x\ny\"\n" {
		t.Fatalf("first row %q", d)
	}
	if d := string(msgs[2].(*pgproto3.CopyData).Data); d != "2,z\n" {
		t.Fatalf("second row %q", d)
	}
}
