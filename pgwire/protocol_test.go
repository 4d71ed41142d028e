package pgwire

import (
	"bytes"
	"encoding/binary"
	"io"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgproto3"
)

func TestPortalSuspension(t *testing.T) {
	ts := startServer(t, Config{})
	rc := ts.raw(t)
	rc.startup()
	rc.send(
		&pgproto3.Parse{Name: "s1", Query: "select x from generate_series(1, 5) as g(x) order by x"},
		&pgproto3.Bind{PreparedStatement: "s1"},
		&pgproto3.Execute{MaxRows: 2},
		&pgproto3.Execute{MaxRows: 2},
		&pgproto3.Execute{MaxRows: 2},
		&pgproto3.Sync{},
	)
	msgs := rc.until('Z')
	if got := msgTypes(msgs); got != "12DDsDDsDCZ" {
		t.Fatalf("messages %q", got)
	}
	var vals []string
	for _, m := range msgs {
		if d, ok := m.(*pgproto3.DataRow); ok {
			vals = append(vals, string(d.Values[0]))
		}
	}
	if len(vals) != 5 || vals[0] != "1" || vals[4] != "5" {
		t.Fatalf("values %q", vals)
	}
	if tag := string(msgs[len(msgs)-2].(*pgproto3.CommandComplete).CommandTag); tag != "SELECT 1" {
		t.Fatalf("tag %q", tag)
	}
	// Named portal inside a transaction survives Sync.
	rc.send(&pgproto3.Query{String: "begin"})
	rc.until('Z')
	rc.send(&pgproto3.Bind{DestinationPortal: "p", PreparedStatement: "s1"}, &pgproto3.Execute{Portal: "p", MaxRows: 3}, &pgproto3.Sync{})
	if got := msgTypes(rc.until('Z')); got != "2DDDsZ" {
		t.Fatalf("first part %q", got)
	}
	rc.send(&pgproto3.Execute{Portal: "p"}, &pgproto3.Sync{})
	if got := msgTypes(rc.until('Z')); got != "DDCZ" {
		t.Fatalf("second part %q", got)
	}
	rc.send(&pgproto3.Query{String: "commit"})
	rc.until('Z')
}

func TestExtendedProtocolRules(t *testing.T) {
	ts := startServer(t, Config{})
	rc := ts.raw(t)
	rc.startup()
	code := func(msgs []pgproto3.BackendMessage) string {
		for _, m := range msgs {
			if e, ok := m.(*pgproto3.ErrorResponse); ok {
				return e.Code
			}
		}
		return ""
	}
	cases := []struct {
		name string
		msgs []pgproto3.FrontendMessage
		want string // message types up to ReadyForQuery
		code string
	}{
		{"describe statement", []pgproto3.FrontendMessage{&pgproto3.Parse{Name: "a", Query: "select $1::int + 1 as n, 'x' as s"},
			&pgproto3.Describe{ObjectType: 'S', Name: "a"}, &pgproto3.Sync{}}, "1tTZ", ""},
		{"duplicate name", []pgproto3.FrontendMessage{&pgproto3.Parse{Name: "a", Query: "select 1"}, &pgproto3.Sync{}}, "EZ", "42P05"},
		{"no data", []pgproto3.FrontendMessage{&pgproto3.Parse{Query: "set search_path = public"},
			&pgproto3.Describe{ObjectType: 'S'}, &pgproto3.Bind{}, &pgproto3.Execute{}, &pgproto3.Sync{}}, "1tn2CZ", ""},
		{"unknown statement", []pgproto3.FrontendMessage{&pgproto3.Bind{PreparedStatement: "nope"}, &pgproto3.Sync{}}, "EZ", "26000"},
		{"error skips to sync", []pgproto3.FrontendMessage{&pgproto3.Parse{Query: "select * from nosuch"},
			&pgproto3.Bind{}, &pgproto3.Execute{}, &pgproto3.Sync{}}, "EZ", "42P01"},
		{"wrong parameter count", []pgproto3.FrontendMessage{&pgproto3.Bind{PreparedStatement: "a"}, &pgproto3.Sync{}}, "EZ", "08P01"},
		{"binary parameter", []pgproto3.FrontendMessage{&pgproto3.Bind{PreparedStatement: "a", ParameterFormatCodes: []int16{1},
			Parameters: [][]byte{{0, 0, 0, 41}}, ResultFormatCodes: []int16{1, 0}}, &pgproto3.Describe{ObjectType: 'P'},
			&pgproto3.Execute{}, &pgproto3.Sync{}}, "2TDCZ", ""},
		{"multiple commands", []pgproto3.FrontendMessage{&pgproto3.Parse{Query: "select 1; select 2"}, &pgproto3.Sync{}}, "EZ", "42601"},
		{"empty", []pgproto3.FrontendMessage{&pgproto3.Parse{Query: ""}, &pgproto3.Bind{}, &pgproto3.Execute{}, &pgproto3.Sync{}}, "12IZ", ""},
		{"close", []pgproto3.FrontendMessage{&pgproto3.Close{ObjectType: 'S', Name: "a"}, &pgproto3.Close{ObjectType: 'P', Name: "zz"},
			&pgproto3.Sync{}}, "33Z", ""},
		{"closed is gone", []pgproto3.FrontendMessage{&pgproto3.Describe{ObjectType: 'S', Name: "a"}, &pgproto3.Sync{}}, "EZ", "26000"},
	}
	for _, tc := range cases {
		rc.send(tc.msgs...)
		msgs := rc.until('Z')
		if got := msgTypes(msgs); got != tc.want || code(msgs) != tc.code {
			t.Errorf("%s: got %q %s, want %q %s", tc.name, got, code(msgs), tc.want, tc.code)
		}
		if tc.name == "binary parameter" {
			d := msgs[2].(*pgproto3.DataRow)
			if !bytes.Equal(d.Values[0], []byte{0, 0, 0, 42}) || string(d.Values[1]) != "x" {
				t.Errorf("binary row %v", d.Values)
			}
		}
	}
}

func TestBadClientsCloseOnlyTheirConnection(t *testing.T) {
	ts := startServer(t, Config{MaxMessageBytes: 1 << 20})
	good := ts.connect(t)
	ctx := testCtx(t)
	rng := rand.New(rand.NewPCG(1, 2))
	garbage := make([]byte, 4096)
	for i := range garbage {
		garbage[i] = byte(rng.UintN(256))
	}
	oversized := []byte{'Q', 0x7f, 0xff, 0xff, 0xff}
	cases := []struct {
		name    string
		startup bool
		data    []byte
	}{
		{"garbage before startup", false, garbage},
		{"absurd startup length", false, []byte{0x7f, 0, 0, 0, 0, 3, 0, 0}},
		{"unknown protocol", false, startupPacket(2<<16, "user", "x")},
		{"truncated startup", false, []byte{0, 0, 0, 40, 0, 3, 0, 0, 'u'}},
		{"garbage after startup", true, garbage},
		{"oversized message", true, oversized},
		{"negative length", true, []byte{'Q', 0xff, 0xff, 0xff, 0xf0}},
		{"unknown message type", true, []byte{'W', 0, 0, 0, 4}},
		{"bad bind", true, []byte{'B', 0, 0, 0, 8, 0, 0, 0xff, 0xff}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			rc := ts.raw(t)
			if tc.startup {
				rc.startup()
			}
			rc.nc.Write(tc.data)
			// Some garbage is a valid message start waiting for more
			// bytes: end the stream so the server sees truncation.
			rc.nc.(interface{ CloseWrite() error }).CloseWrite()
			if !rc.closedByServer() {
				t.Fatal("server kept the connection open")
			}
			var n int
			if err := good.QueryRow(ctx, "select 1").Scan(&n); err != nil || n != 1 {
				t.Fatalf("other connection broke: %v", err)
			}
		})
	}
}

func TestOversizedMessageReports08P01(t *testing.T) {
	ts := startServer(t, Config{MaxMessageBytes: 1 << 16})
	rc := ts.raw(t)
	rc.startup()
	rc.send(&pgproto3.Query{String: string(bytes.Repeat([]byte("x"), 1<<17))})
	m, err := rc.fe.Receive()
	if err != nil {
		t.Fatal(err)
	}
	e, ok := m.(*pgproto3.ErrorResponse)
	if !ok || e.Code != "08P01" || e.Severity != "FATAL" {
		t.Fatalf("got %#v", m)
	}
	if !rc.closedByServer() {
		t.Fatal("connection left open")
	}
}

func TestProtocolNegotiation(t *testing.T) {
	ts := startServer(t, Config{})
	// SSLRequest and GSSENCRequest get 'N' without TLS; then a 3.9999
	// startup with a _pq_ option gets NegotiateProtocolVersion.
	rc := ts.raw(t)
	for _, code := range []uint32{codeGSSEnc, codeSSL} {
		var b [8]byte
		binary.BigEndian.PutUint32(b[:], 8)
		binary.BigEndian.PutUint32(b[4:], code)
		rc.nc.Write(b[:])
		var r [1]byte
		if _, err := io.ReadFull(rc.nc, r[:]); err != nil || r[0] != 'N' {
			t.Fatalf("code %d: %q %v", code, r, err)
		}
	}
	rc.nc.Write(startupPacket(3<<16|9999, "user", "tester", "database", "dev", "_pq_.test_protocol_negotiation", "x"))
	msgs := rc.until('Z')
	nv, ok := msgs[0].(*pgproto3.NegotiateProtocolVersion)
	if !ok || nv.NewestMinorProtocol != 0 || len(nv.UnrecognizedOptions) != 1 || nv.UnrecognizedOptions[0] != "_pq_.test_protocol_negotiation" {
		t.Fatalf("first message %#v", msgs[0])
	}
	rc.send(&pgproto3.Query{String: "select 1"})
	if got := msgTypes(rc.until('Z')); got != "TDCZ" {
		t.Fatalf("query after negotiation: %q", got)
	}
	rc.send(&pgproto3.Terminate{})
	if !rc.closedByServer() {
		t.Fatal("Terminate left the connection open")
	}
}

// TestClientVanishesMidResult checks that a client hanging up while a huge
// result streams ends its session (the failed write cancels the statement).
func TestClientVanishesMidResult(t *testing.T) {
	ts := startServer(t, Config{})
	rc := ts.raw(t)
	rc.startup()
	rc.send(&pgproto3.Query{String: "select x, 'padding padding padding' from generate_series(1, 100000000000) as g(x)"})
	rc.until('D')
	rc.nc.Close()
	for i := 0; ; i++ {
		ts.srv.mu.Lock()
		active := ts.srv.active
		ts.srv.mu.Unlock()
		if active == 0 {
			return
		}
		if i > 1000 {
			t.Fatalf("%d sessions still active", active)
		}
		time.Sleep(10 * time.Millisecond)
	}
}
