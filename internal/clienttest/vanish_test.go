package clienttest

import (
	"context"
	"encoding/binary"
	"io"
	"net"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgproto3"
)

// bigResult is far larger than the socket buffers (300k rows, about 60 MB
// of text), so the server is still writing when the client goes away.
const bigResult = `select * from lineitem, region`

// hijacked logs in with pgconn (whatever auth the server asks) and takes
// the raw socket, so the test can misbehave at the protocol level.
func hijacked(ctx context.Context, t *testing.T, s *server) net.Conn {
	t.Helper()
	pc, err := pgconn.Connect(ctx, s.url())
	if err != nil {
		t.Fatal(err)
	}
	hc, err := pc.Hijack()
	if err != nil {
		t.Fatal(err)
	}
	return hc.Conn
}

func send(t *testing.T, c net.Conn, msgs ...pgproto3.FrontendMessage) {
	t.Helper()
	var buf []byte
	var err error
	for _, m := range msgs {
		if buf, err = m.Encode(buf); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := c.Write(buf); err != nil {
		t.Fatal(err)
	}
}

// readSome reads at least n bytes (or until the server stops sending).
func readSome(t *testing.T, c net.Conn, n int) {
	t.Helper()
	_ = c.SetReadDeadline(time.Now().Add(30 * time.Second))
	if _, err := io.ReadFull(c, make([]byte, n)); err != nil {
		t.Fatalf("reading the first %d bytes of the answer: %v", n, err)
	}
}

// waitFor reads backend messages until one of the wanted type arrives.
func waitFor[T pgproto3.BackendMessage](t *testing.T, c net.Conn) {
	t.Helper()
	_ = c.SetReadDeadline(time.Now().Add(30 * time.Second))
	fe := pgproto3.NewFrontend(c, c)
	for {
		m, err := fe.Receive()
		if err != nil {
			t.Fatalf("waiting for %T: %v", *new(T), err)
		}
		if _, ok := m.(T); ok {
			return
		}
		if e, ok := m.(*pgproto3.ErrorResponse); ok {
			t.Fatalf("waiting for %T: server error %s %s", *new(T), e.Code, e.Message)
		}
	}
}

// TestClientVanishes drops connections in the middle of things; after
// each, a fresh session must still be served, with correct answers.
func TestClientVanishes(t *testing.T) {
	s := env(t)
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	check := pgxConnect(ctx, t, s, pgx.QueryExecModeCacheStatement)
	if _, err := check.Exec(ctx, `drop table if exists vanish_copy`); err != nil {
		t.Fatal(err)
	}
	if _, err := check.Exec(ctx, `create table vanish_copy (id int4, name varchar(20))`); err != nil {
		t.Fatal(err)
	}
	var lineitems int64
	if err := check.QueryRow(ctx, `select count(*) from lineitem`).Scan(&lineitems); err != nil {
		t.Fatal(err)
	}
	// pg_stat_activity lists the sessions; each vanished one must go.
	sessions := func() (int64, error) {
		var n int64
		err := check.QueryRow(ctx, `select count(*) from pg_stat_activity`).Scan(&n)
		return n, err
	}
	baseline, activityErr := sessions()
	if activityErr != nil {
		t.Logf("pg_stat_activity not readable (%v): not checking that vanished sessions end", activityErr)
	}
	cases := []struct {
		name string
		act  func(t *testing.T, c net.Conn)
	}{
		{"simple query, after the first rows", func(t *testing.T, c net.Conn) {
			send(t, c, &pgproto3.Query{String: bigResult})
			readSome(t, c, 64<<10)
		}},
		{"simple query, before any answer", func(t *testing.T, c net.Conn) {
			send(t, c, &pgproto3.Query{String: bigResult})
		}},
		{"extended protocol, mid-result", func(t *testing.T, c net.Conn) {
			send(t, c, &pgproto3.Parse{Query: bigResult}, &pgproto3.Bind{}, &pgproto3.Execute{}, &pgproto3.Sync{})
			readSome(t, c, 64<<10)
		}},
		{"extended protocol, portal suspended", func(t *testing.T, c net.Conn) {
			send(t, c, &pgproto3.Query{String: "begin"})
			waitFor[*pgproto3.ReadyForQuery](t, c)
			send(t, c, &pgproto3.Parse{Query: bigResult}, &pgproto3.Bind{}, &pgproto3.Execute{MaxRows: 10}, &pgproto3.Sync{})
			waitFor[*pgproto3.PortalSuspended](t, c)
		}},
		{"copy to stdout, mid-stream", func(t *testing.T, c net.Conn) {
			send(t, c, &pgproto3.Query{String: "copy (" + bigResult + ") to stdout"})
			readSome(t, c, 64<<10)
		}},
		{"copy from stdin, mid-stream", func(t *testing.T, c net.Conn) {
			send(t, c, &pgproto3.Query{String: "copy vanish_copy from stdin"})
			waitFor[*pgproto3.CopyInResponse](t, c)
			send(t, c, &pgproto3.CopyData{Data: []byte("1\tone\n2\ttwo\n3\tthr")})
		}},
		{"half a message", func(t *testing.T, c net.Conn) {
			// A Query header announcing 1000 bytes, then only 5 of them.
			hdr := []byte{'Q', 0, 0, 0, 0}
			binary.BigEndian.PutUint32(hdr[1:], 1004)
			if _, err := c.Write(append(hdr, "selec"...)); err != nil {
				t.Fatal(err)
			}
		}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c := hijacked(ctx, t, s)
			tc.act(t, c)
			c.Close()
			if activityErr == nil {
				deadline := time.Now().Add(15 * time.Second)
				for {
					n, err := sessions()
					if err != nil {
						t.Fatal(err)
					}
					if n <= baseline {
						break
					}
					if time.Now().After(deadline) {
						t.Fatalf("the vanished session is still in pg_stat_activity after 15s (%d sessions, %d before)", n, baseline)
					}
					time.Sleep(50 * time.Millisecond)
				}
			}
			var n int64
			if err := pgxConnect(ctx, t, s, pgx.QueryExecModeCacheStatement).QueryRow(ctx, `select count(*) from lineitem`).Scan(&n); err != nil {
				t.Fatalf("a new session after the client vanished: %v", err)
			}
			if n != lineitems {
				t.Fatalf("count(*) = %d, want %d", n, lineitems)
			}
			if !s.alive() {
				t.Fatalf("server exited:\n%s", s.logs())
			}
		})
	}
	// The COPY the client abandoned must not have committed a partial load.
	var n int64
	if err := check.QueryRow(ctx, `select count(*) from vanish_copy`).Scan(&n); err != nil {
		t.Fatal(err)
	}
	if n != 0 {
		t.Errorf("abandoned COPY left %d rows", n)
	}
	// The session opened before all this still works.
	checkUsable(ctx, t, check)
}

// TestStartupGarbage sends malformed or partial start-up packets; the
// server must drop those connections and keep serving.
func TestStartupGarbage(t *testing.T) {
	s := env(t)
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	packets := map[string][]byte{
		"partial length":   {0, 0},
		"huge length":      {0x7f, 0xff, 0xff, 0xff, 0, 3, 0, 0},
		"unknown protocol": {0, 0, 0, 8, 0, 9, 0, 0},
		"http":             []byte("GET / HTTP/1.1\r\nHost: x\r\n\r\n"),
		"startup no user":  {0, 0, 0, 9, 0, 3, 0, 0, 0},
	}
	for name, p := range packets {
		t.Run(name, func(t *testing.T) {
			var d net.Dialer
			c, err := d.DialContext(ctx, "tcp", s.addr())
			if err != nil {
				t.Fatal(err)
			}
			_, _ = c.Write(p)
			_ = c.SetReadDeadline(time.Now().Add(300 * time.Millisecond))
			_, _ = c.Read(make([]byte, 1024))
			c.Close()
			checkUsable(ctx, t, pgxConnect(ctx, t, s, pgx.QueryExecModeCacheStatement))
		})
	}
}
