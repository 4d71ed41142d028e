package pgwire

import (
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"net"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgproto3"
	"github.com/warehoused/warehoused"
)

// testServer is a server on a loopback port over an in-memory database.
type testServer struct {
	srv  *Server
	db   *warehoused.DB
	addr string
}

func startServer(t testing.TB, cfg Config) *testServer {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	db, err := warehoused.Open(ctx, "", warehoused.Config{Slices: 2})
	if err != nil {
		t.Fatal(err)
	}
	if cfg.AuthMethod == "" {
		cfg.AuthMethod = "trust"
	}
	srv := NewServer(db, cfg)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ctx, ln) }()
	t.Cleanup(func() {
		cancel()
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			t.Error("Serve did not return after its context ended")
		}
		db.Close()
	})
	return &testServer{srv: srv, db: db, addr: ln.Addr().String()}
}

func (ts *testServer) connString(extra string) string {
	return fmt.Sprintf("postgres://tester@%s/dev?sslmode=disable&connect_timeout=5%s", ts.addr, extra)
}

func (ts *testServer) connect(t testing.TB) *pgx.Conn {
	t.Helper()
	c, err := pgx.Connect(testCtx(t), ts.connString(""))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close(context.Background()) })
	return c
}

func testCtx(t testing.TB) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	t.Cleanup(cancel)
	return ctx
}

// sqlState returns the SQLSTATE of a server error, "" for other errors.
func sqlState(err error) string {
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		return pe.Code
	}
	return ""
}

// rawConn is a hand-driven protocol client for what pgx does not expose
// (row limits, garbage).
type rawConn struct {
	t  testing.TB
	nc net.Conn
	fe *pgproto3.Frontend
}

func (ts *testServer) raw(t testing.TB) *rawConn {
	t.Helper()
	nc, err := net.DialTimeout("tcp", ts.addr, 5*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	nc.SetDeadline(time.Now().Add(30 * time.Second))
	t.Cleanup(func() { nc.Close() })
	return &rawConn{t: t, nc: nc, fe: pgproto3.NewFrontend(nc, nc)}
}

// startup logs in (trust) and reads up to the first ReadyForQuery.
func (c *rawConn) startup() {
	c.t.Helper()
	c.send(&pgproto3.StartupMessage{ProtocolVersion: pgproto3.ProtocolVersion30,
		Parameters: map[string]string{"user": "tester", "database": "dev"}})
	c.until('Z')
}

func (c *rawConn) send(msgs ...pgproto3.FrontendMessage) {
	c.t.Helper()
	for _, m := range msgs {
		c.fe.Send(m)
	}
	if err := c.fe.Flush(); err != nil {
		c.t.Fatal(err)
	}
}

// until receives messages up to and including one of type typ, returning
// them all (type bytes as in the protocol).
func (c *rawConn) until(typ byte) []pgproto3.BackendMessage {
	c.t.Helper()
	var out []pgproto3.BackendMessage
	for {
		m, err := c.fe.Receive()
		if err != nil {
			c.t.Fatalf("receive: %v (after %d messages)", err, len(out))
		}
		out = append(out, copyMsg(m))
		if msgType(m) == typ {
			return out
		}
	}
}

// copyMsg detaches a received message from the frontend's buffers.
func copyMsg(m pgproto3.BackendMessage) pgproto3.BackendMessage {
	switch x := m.(type) {
	case *pgproto3.DataRow:
		vals := make([][]byte, len(x.Values))
		for i, v := range x.Values {
			if v != nil {
				vals[i] = append([]byte{}, v...)
			}
		}
		return &pgproto3.DataRow{Values: vals}
	case *pgproto3.ErrorResponse:
		cp := *x
		return &cp
	case *pgproto3.CommandComplete:
		return &pgproto3.CommandComplete{CommandTag: append([]byte{}, x.CommandTag...)}
	case *pgproto3.ReadyForQuery:
		cp := *x
		return &cp
	case *pgproto3.CopyData:
		return &pgproto3.CopyData{Data: append([]byte{}, x.Data...)}
	case *pgproto3.CopyOutResponse:
		cp := *x
		cp.ColumnFormatCodes = append([]uint16{}, x.ColumnFormatCodes...)
		return &cp
	}
	return m
}

func msgType(m pgproto3.BackendMessage) byte {
	b, err := m.Encode(nil)
	if err != nil || len(b) == 0 {
		return 0
	}
	return b[0]
}

func msgTypes(msgs []pgproto3.BackendMessage) string {
	b := make([]byte, len(msgs))
	for i, m := range msgs {
		b[i] = msgType(m)
	}
	return string(b)
}

// closedByServer reports whether the server closed the connection (after
// maybe sending something), reading with a deadline.
func (c *rawConn) closedByServer() bool {
	c.nc.SetReadDeadline(time.Now().Add(10 * time.Second))
	_, err := io.Copy(io.Discard, c.nc)
	var ne net.Error
	return err == nil || !(errors.As(err, &ne) && ne.Timeout())
}

// startupPacket encodes a StartupMessage with any protocol version code.
func startupPacket(code uint32, params ...string) []byte {
	b := make([]byte, 8)
	binary.BigEndian.PutUint32(b[4:], code)
	for _, p := range params {
		b = append(b, p...)
		b = append(b, 0)
	}
	b = append(b, 0)
	binary.BigEndian.PutUint32(b, uint32(len(b)))
	return b
}
