package pgwire

import (
	"context"
	"errors"
	"fmt"
	"net"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgproto3"

	"github.com/warehoused/warehoused"
	"github.com/warehoused/warehoused/sqlerr"
)

// authServer accepts connections and runs authenticate with one method,
// answering as a real server would: BackendKeyData and ReadyForQuery on
// success, a FATAL ErrorResponse on failure.
type authServer struct {
	ln     net.Listener
	method string
	lookup func(string) (warehoused.UserSecret, bool)
	wg     sync.WaitGroup
	mu     sync.Mutex
	errs   []error // what authenticate returned, in order
}

func startAuthServer(t *testing.T, method string, lookup func(string) (warehoused.UserSecret, bool)) *authServer {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	s := &authServer{ln: ln, method: method, lookup: lookup}
	s.wg.Add(1)
	go func() {
		defer s.wg.Done()
		for {
			nc, err := ln.Accept()
			if err != nil {
				return
			}
			s.wg.Add(1)
			go func() {
				defer s.wg.Done()
				s.serve(nc)
			}()
		}
	}()
	t.Cleanup(func() {
		ln.Close()
		s.wg.Wait()
	})
	return s
}

func (s *authServer) serve(nc net.Conn) {
	defer nc.Close()
	nc.SetDeadline(time.Now().Add(30 * time.Second))
	be := pgproto3.NewBackend(nc, nc)
	msg, err := be.ReceiveStartupMessage()
	if err != nil {
		return
	}
	sm, ok := msg.(*pgproto3.StartupMessage)
	if !ok {
		return
	}
	err = authenticate(context.Background(), be, s.method, sm.Parameters["user"], s.lookup)
	s.mu.Lock()
	s.errs = append(s.errs, err)
	s.mu.Unlock()
	if err != nil {
		e := sqlerr.From(err)
		be.Send(&pgproto3.ErrorResponse{Severity: "FATAL", SeverityUnlocalized: "FATAL", Code: string(e.Code), Message: e.Message})
		be.Flush()
		return
	}
	be.Send(&pgproto3.BackendKeyData{ProcessID: 1, SecretKey: []byte{0, 0, 0, 2}})
	be.Send(&pgproto3.ReadyForQuery{TxStatus: 'I'})
	be.Flush()
	for {
		m, err := be.Receive()
		if err != nil {
			return
		}
		if _, ok := m.(*pgproto3.Terminate); ok {
			return
		}
	}
}

func (s *authServer) lastErr() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(s.errs) == 0 {
		return nil
	}
	return s.errs[len(s.errs)-1]
}

func (s *authServer) connect(ctx context.Context, user, password string) error {
	port := s.ln.Addr().(*net.TCPAddr).Port
	dsn := fmt.Sprintf("host=127.0.0.1 port=%d user=%s sslmode=disable connect_timeout=20", port, user)
	cfg, err := pgconn.ParseConfig(dsn)
	if err != nil {
		return err
	}
	cfg.Password = password
	conn, err := pgconn.ConnectConfig(ctx, cfg)
	if err != nil {
		return err
	}
	return conn.Close(ctx)
}

// authUsers is a database holding a user for every kind of stored password.
func authUsers(t *testing.T) *warehoused.DB {
	t.Helper()
	ctx := context.Background()
	db, err := warehoused.Open(ctx, "", warehoused.Config{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	for _, sql := range []string{
		"CREATE USER alice PASSWORD 'Alice1234'",                               // SCRAM + MD5
		"CREATE USER bob PASSWORD 'md5" + md5Hex("Bob12345"+"bob") + "'",       // MD5 only
		"CREATE USER tmp PASSWORD 'Scram1234'", "ALTER USER tmp RENAME TO sam", // SCRAM only
		"CREATE USER sha PASSWORD '" + sha256Form("Sha256pass1", "0a0b0c") + "'", // Redshift sha256 only
		"CREATE USER off PASSWORD DISABLE",
		"CREATE USER old PASSWORD 'Old123456' VALID UNTIL '2001-01-01'",
		"CREATE USER \"ünï\" PASSWORD 'Unicode123'",
	} {
		if _, err := db.Exec(ctx, sql); err != nil {
			t.Fatalf("%s: %v", sql, err)
		}
	}
	return db
}

func TestAuthenticateWithPgconn(t *testing.T) {
	db := authUsers(t)
	type attempt struct {
		user, password string
		ok             bool
	}
	cases := map[string][]attempt{
		AuthSCRAM: {
			{"alice", "Alice1234", true}, {"alice", "alice1234", false}, {"nobody", "Alice1234", false},
			{"bob", "Bob12345", false}, // only an MD5 hash: SCRAM cannot use it (as in PostgreSQL)
			{"sam", "Scram1234", true}, {"sha", "Sha256pass1", false}, {"off", "", false}, {"off", "x", false},
			{"old", "Old123456", false}, {"ünï", "Unicode123", true},
		},
		AuthMD5: {
			{"alice", "Alice1234", true}, {"alice", "Alice12345", false}, {"bob", "Bob12345", true},
			{"bob", "bob12345", false}, {"nobody", "x", false},
			{"sam", "Scram1234", true}, // SCRAM only: asked for SCRAM instead
			{"sam", "Scram12345", false}, {"old", "Old123456", false},
		},
		AuthPassword: {
			{"alice", "Alice1234", true}, {"alice", "x", false}, {"bob", "Bob12345", true}, {"sam", "Scram1234", true},
			{"sha", "Sha256pass1", true}, {"sha", "Sha256pass2", false}, {"nobody", "Alice1234", false},
			{"off", "", false}, {"old", "Old123456", false},
		},
		AuthTrust: {{"alice", "", true}, {"nobody", "whatever", true}},
	}
	if testing.Short() {
		for m, as := range cases {
			cases[m] = as[:2]
		}
	}
	for method, attempts := range cases {
		t.Run(method, func(t *testing.T) {
			srv := startAuthServer(t, method, db.LookupUser)
			for _, a := range attempts {
				ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
				err := srv.connect(ctx, a.user, a.password)
				cancel()
				if a.ok {
					if err != nil {
						t.Errorf("%s/%q: %v (server: %v)", a.user, a.password, err, srv.lastErr())
					}
					continue
				}
				var pgErr *pgconn.PgError
				if !errors.As(err, &pgErr) {
					t.Errorf("%s/%q: want a server error, got %v", a.user, a.password, err)
					continue
				}
				want := fmt.Sprintf("password authentication failed for user \"%s\"", a.user)
				if pgErr.Code != "28P01" || pgErr.Message != want || pgErr.Severity != "FATAL" {
					t.Errorf("%s/%q: got %s %s %q", a.user, a.password, pgErr.Severity, pgErr.Code, pgErr.Message)
				}
			}
		})
	}
}

// rawAuth runs authenticate against a hand-driven client on a pipe.
func rawAuth(t *testing.T, method string, lookup func(string) (warehoused.UserSecret, bool), client func(fe *pgproto3.Frontend)) error {
	t.Helper()
	sc, cc := net.Pipe()
	defer sc.Close()
	done := make(chan struct{})
	go func() {
		defer close(done)
		defer cc.Close()
		client(pgproto3.NewFrontend(cc, cc))
	}()
	err := authenticate(context.Background(), pgproto3.NewBackend(sc, sc), method, "alice", lookup)
	sc.Close()
	<-done
	return err
}

func TestAuthenticateMalformedSCRAM(t *testing.T) {
	db := authUsers(t)
	first := func(fe *pgproto3.Frontend, data string) {
		if _, err := fe.Receive(); err != nil { // AuthenticationSASL
			return
		}
		fe.Send(&pgproto3.SASLInitialResponse{AuthMechanism: scramMechanism, Data: []byte(data)})
		fe.Flush()
	}
	for _, c := range []struct {
		name   string
		client func(fe *pgproto3.Frontend)
		code   sqlerr.Code
	}{
		{"hang up", func(fe *pgproto3.Frontend) { fe.Receive() }, connectionFailure},
		{"wrong mechanism", func(fe *pgproto3.Frontend) {
			fe.Receive()
			fe.Send(&pgproto3.SASLInitialResponse{AuthMechanism: "SCRAM-SHA-1", Data: []byte("n,,n=,r=abc")})
			fe.Flush()
		}, sqlerr.ProtocolViolation},
		{"channel binding", func(fe *pgproto3.Frontend) { first(fe, "p=tls-server-end-point,,n=,r=abc") }, sqlerr.ProtocolViolation},
		{"authzid", func(fe *pgproto3.Frontend) { first(fe, "n,a=bob,n=,r=abc") }, sqlerr.FeatureNotSupported},
		{"no nonce", func(fe *pgproto3.Frontend) { first(fe, "n,,n=") }, sqlerr.ProtocolViolation},
		{"garbage", func(fe *pgproto3.Frontend) { first(fe, "x") }, sqlerr.ProtocolViolation},
		{"bad final", func(fe *pgproto3.Frontend) {
			first(fe, "n,,n=,r=abc")
			if _, err := fe.Receive(); err != nil { // SASLContinue
				return
			}
			fe.Send(&pgproto3.SASLResponse{Data: []byte("c=biws,r=wrongnonce,p=AAAA")})
			fe.Flush()
		}, sqlerr.ProtocolViolation},
		{"wrong nonce", func(fe *pgproto3.Frontend) {
			first(fe, "n,,n=,r=abc")
			if _, err := fe.Receive(); err != nil {
				return
			}
			fe.Send(&pgproto3.SASLResponse{Data: []byte("c=biws,r=abcX,p=" + strings.Repeat("A", 43) + "=")})
			fe.Flush()
		}, sqlerr.ProtocolViolation},
	} {
		t.Run(c.name, func(t *testing.T) {
			err := rawAuth(t, AuthSCRAM, db.LookupUser, c.client)
			if sqlerr.CodeOf(err) != c.code {
				t.Fatalf("got %v (%s), want %s", err, sqlerr.CodeOf(err), c.code)
			}
		})
	}
	if err := rawAuth(t, "ident", db.LookupUser, func(*pgproto3.Frontend) {}); sqlerr.CodeOf(err) != sqlerr.InvalidAuthorizationSpec {
		t.Fatalf("unknown method: %v", err)
	}
}

// TestMockSaltStable: an unknown user sees the same salt on every attempt,
// as a real user does, so the salt does not reveal who exists.
func TestMockSaltStable(t *testing.T) {
	if string(mockSalt("ghost")) != string(mockSalt("ghost")) || string(mockSalt("ghost")) == string(mockSalt("ghost2")) {
		t.Fatal("mock salts must be stable per name and differ between names")
	}
}

// FuzzSCRAMMessages: the client's SCRAM messages never panic the parsers,
// and what parseClientFirst accepts is shaped as the exchange needs.
func FuzzSCRAMMessages(f *testing.F) {
	f.Add([]byte("n,,n=,r=abc"), []byte("c=biws,r=abcdef,p=AAAA"))
	f.Add([]byte("y,,n=user,r=x,ext=1"), []byte("c=eSws,r=x,p="))
	f.Add([]byte("p=tls,,n=,r="), []byte(",p=,p="))
	f.Fuzz(func(t *testing.T, first, final []byte) {
		gs2, bare, nonce, err := parseClientFirst(first)
		if err != nil {
			return
		}
		if len(gs2) != 3 || nonce == "" || !strings.HasPrefix(bare, "n=") {
			t.Fatalf("accepted %q as %q %q %q", first, gs2, bare, nonce)
		}
		parseClientFinal(final, gs2, nonce+"srv")
	})
}

// TestDecoySecret: the decoy is a well-formed verifier (so checking against
// it costs a real PBKDF2 run) that no password matches.
func TestDecoySecret(t *testing.T) {
	d := decoySecret()
	if _, iter, _, _, ok := d.SCRAMKeys(); !ok || iter != 4096 {
		t.Fatalf("decoy verifier %q is malformed", d.SCRAM)
	}
	if d.CheckPassword("") || d.CheckPassword("Password1") {
		t.Fatal("decoy accepted a password")
	}
}
