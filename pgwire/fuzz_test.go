package pgwire

import (
	"context"
	"io"
	"net"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgproto3"
	"github.com/warehoused/warehoused"
)

// fuzzServer is a server whose connections the fuzz targets drive directly
// over net.Pipe.
func fuzzServer(f *testing.F) *Server {
	db, err := warehoused.Open(context.Background(), "", warehoused.Config{Slices: 1})
	if err != nil {
		f.Fatal(err)
	}
	f.Cleanup(func() { db.Close() })
	return NewServer(db, Config{AuthMethod: "trust", MaxMessageBytes: 1 << 20, IdleSessionTimeout: 5 * time.Second})
}

// feed runs one server connection on input and checks that it ends, without
// a panic escaping, once the client has sent everything and hung up.
func feed(t *testing.T, s *Server, input []byte) {
	client, server := net.Pipe()
	done := make(chan struct{})
	go func() {
		defer close(done)
		defer server.Close()
		s.serveConn(context.Background(), server)
	}()
	drained := make(chan struct{})
	go func() {
		io.Copy(io.Discard, client)
		close(drained)
	}()
	client.SetWriteDeadline(time.Now().Add(5 * time.Second))
	client.Write(input)
	client.Close()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		t.Fatalf("server connection did not end on input %q", input)
	}
	<-drained
}

func startupBytes() []byte {
	b, _ := (&pgproto3.StartupMessage{ProtocolVersion: pgproto3.ProtocolVersion30,
		Parameters: map[string]string{"user": "fuzz", "database": "dev"}}).Encode(nil)
	return b
}

func FuzzStartup(f *testing.F) {
	s := fuzzServer(f)
	f.Add(startupBytes())
	f.Add(startupPacket(codeSSL))
	f.Add(append(startupPacket(codeGSSEnc), startupBytes()...))
	f.Add([]byte{0, 0, 0, 16, 0x04, 0xd2, 0x16, 0x2e, 0, 0, 0, 1, 1, 2, 3, 4})
	f.Add(startupPacket(3<<16|2, "user", "a", "_pq_.x", "y"))
	f.Add([]byte{0x16, 3, 1, 0, 5})
	f.Add([]byte{0xff, 0xff, 0xff, 0xff})
	f.Fuzz(func(t *testing.T, data []byte) {
		feed(t, s, data)
	})
}

func FuzzMessages(f *testing.F) {
	s := fuzzServer(f)
	msg := func(ms ...pgproto3.FrontendMessage) []byte {
		var b []byte
		for _, m := range ms {
			b, _ = m.Encode(b)
		}
		return b
	}
	f.Add(msg(&pgproto3.Query{String: "select 1; select 'a'"}))
	f.Add(msg(&pgproto3.Parse{Query: "select $1::int"}, &pgproto3.Bind{Parameters: [][]byte{[]byte("1")}},
		&pgproto3.Describe{ObjectType: 'P'}, &pgproto3.Execute{MaxRows: 1}, &pgproto3.Sync{}))
	f.Add(msg(&pgproto3.Query{String: "create table f (a int)"}, &pgproto3.Query{String: "copy f from stdin"},
		&pgproto3.CopyData{Data: []byte("1\n2\n")}, &pgproto3.CopyDone{}))
	f.Add(msg(&pgproto3.Query{String: "copy (select 1) to stdout"}, &pgproto3.CopyFail{Message: "x"}, &pgproto3.Terminate{}))
	f.Add(msg(&pgproto3.Bind{ParameterFormatCodes: []int16{1, 1, 1}}, &pgproto3.Close{ObjectType: 'X'}, &pgproto3.Flush{}))
	f.Add([]byte{'Q', 0, 0, 0, 3})
	f.Fuzz(func(t *testing.T, data []byte) {
		feed(t, s, append(startupBytes(), data...))
	})
}
