package pgwire

import "testing"

// TestNumericParamKeepsScale: a parameter declared NUMERIC (OID 1700, no
// modifier on the wire) takes its precision and scale from where it is used,
// in text and in binary format.
func TestNumericParamKeepsScale(t *testing.T) {
	ts := startServer(t, Config{})
	conn := ts.connect(t)
	ctx := testCtx(t)
	pc := conn.PgConn()
	if _, err := pc.Exec(ctx, "create table money (v decimal(10,2))").ReadAll(); err != nil {
		t.Fatal(err)
	}
	if _, err := pc.Prepare(ctx, "ins", "insert into money values ($1)", []uint32{1700}); err != nil {
		t.Fatal(err)
	}
	// 0.19 as text, and as binary NUMERIC (ndigits 1, weight -1, sign +, dscale 2, digit 1900).
	binary := []byte{0, 1, 0xff, 0xff, 0, 0, 0, 2, 0x07, 0x6c}
	for _, p := range []struct {
		val    []byte
		format int16
	}{{[]byte("0.19"), 0}, {binary, 1}} {
		if res := pc.ExecPrepared(ctx, "ins", [][]byte{p.val}, []int16{p.format}, nil).Read(); res.Err != nil {
			t.Fatalf("format %d: %v", p.format, res.Err)
		}
	}
	if _, err := pc.Prepare(ctx, "sel", "select $1::numeric(10,2) + 0", []uint32{1700}); err != nil {
		t.Fatal(err)
	}
	res := pc.ExecPrepared(ctx, "sel", [][]byte{[]byte("1.25")}, []int16{0}, []int16{0}).Read()
	if res.Err != nil || len(res.Rows) != 1 || string(res.Rows[0][0]) != "1.25" {
		t.Fatalf("select $1::numeric(10,2): %v %q", res.Err, res.Rows)
	}
	rr := pc.ExecParams(ctx, "select sum(v)::text from money", nil, nil, nil, nil).Read()
	if rr.Err != nil || string(rr.Rows[0][0]) != "0.38" {
		t.Fatalf("stored: %v %q", rr.Err, rr.Rows)
	}
}
