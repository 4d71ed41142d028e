// Package pgwire serves a warehoused database over the PostgreSQL v3 wire
// protocol (as Amazon Redshift speaks it): start-up with TLS negotiation and
// password authentication, the simple and extended query protocols, COPY
// FROM STDIN / TO STDOUT, and query cancellation. Messages are read and
// encoded with github.com/jackc/pgx/v5/pgproto3; every connection is one
// engine session (warehoused.Conn).
package pgwire

import (
	"context"
	"crypto/tls"
	"errors"
	"log/slog"
	"net"
	"sync"
	"time"

	"github.com/warehoused/warehoused"
)

// Config configures a Server. The zero value serves plaintext on
// 127.0.0.1:5439 with SCRAM-SHA-256 authentication.
type Config struct {
	// Listen is the TCP address ListenAndServe listens on; "127.0.0.1:5439"
	// (Redshift's port) when empty.
	Listen string
	// TLS, when set, is offered to clients that send SSLRequest; without it
	// the server answers 'N' and clients continue in plaintext (or give up,
	// if they require TLS).
	TLS *tls.Config
	// AuthMethod is "scram-sha-256" (default), "md5", "password" (cleartext)
	// or "trust".
	AuthMethod string
	// MaxConns limits concurrent sessions; further clients get 53300 "too
	// many connections" (cancel requests are always served). 0 means 500,
	// Redshift's default limit; negative means no limit.
	MaxConns int
	// MaxMessageBytes bounds one protocol message (a query text, a Bind, one
	// COPY data chunk). PostgreSQL allows 1 GiB; the default here is 64 MiB,
	// which holds any realistic statement or COPY chunk (clients send 64 KiB
	// chunks) while bounding what a single client can make the server buffer.
	// A larger message gets 08P01 and the connection is closed.
	MaxMessageBytes int
	// IdleSessionTimeout closes sessions that wait longer than this for the
	// next message: FATAL 57P05 as PostgreSQL's idle_session_timeout, or
	// 25P03 as its idle_in_transaction_session_timeout inside a transaction
	// block. 0 means never.
	IdleSessionTimeout time.Duration
	// Logger receives connection-level events and failures; slog.Default() when nil.
	Logger *slog.Logger
	// Version, when set, is the server_version reported to clients instead
	// of the session's server_version setting ("8.0.2", what Redshift
	// reports; drivers pick their dialect from it).
	Version string
}

// DefaultListen is the address served when Config.Listen is empty.
const DefaultListen = "127.0.0.1:5439"

const (
	defaultMaxConns        = 500
	defaultMaxMessageBytes = 64 << 20
)

func (c Config) withDefaults() Config {
	if c.Listen == "" {
		c.Listen = DefaultListen
	}
	if c.AuthMethod == "" {
		c.AuthMethod = "scram-sha-256"
	}
	if c.MaxConns == 0 {
		c.MaxConns = defaultMaxConns
	}
	if c.MaxMessageBytes <= 0 {
		c.MaxMessageBytes = defaultMaxMessageBytes
	}
	if c.Logger == nil {
		c.Logger = slog.Default()
	}
	return c
}

// Server serves one database to PostgreSQL-protocol clients.
type Server struct {
	db  *warehoused.DB
	cfg Config

	mu       sync.Mutex
	ln       net.Listener
	conns    map[net.Conn]struct{} // every open client socket
	sessions map[uint32]*session   // authenticated sessions by process id
	active   int                   // sessions counted against MaxConns
	// userConns counts sessions per user for CONNECTION LIMIT (connlimit.go).
	userConns map[string]int
	nextPID   uint32
	closed    bool
	wg        sync.WaitGroup
	done      chan struct{}
}

// NewServer returns a server for db; it serves nothing until Serve or
// ListenAndServe.
func NewServer(db *warehoused.DB, cfg Config) *Server {
	return &Server{db: db, cfg: cfg.withDefaults(), conns: map[net.Conn]struct{}{},
		sessions: map[uint32]*session{}, done: make(chan struct{})}
}

// ErrServerClosed is returned by Serve and ListenAndServe after Close.
var ErrServerClosed = errors.New("pgwire: server closed")

// ListenAndServe listens on Config.Listen and serves until ctx ends or Close
// is called.
func (s *Server) ListenAndServe(ctx context.Context) error {
	var lc net.ListenConfig
	ln, err := lc.Listen(ctx, "tcp", s.cfg.Listen)
	if err != nil {
		return err
	}
	return s.Serve(ctx, ln)
}

// Serve accepts connections on ln until ctx ends or Close is called; it then
// closes ln and every client connection and waits for their sessions to end.
// It returns nil when ctx ended, ErrServerClosed after Close.
func (s *Server) Serve(ctx context.Context, ln net.Listener) error {
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		ln.Close()
		return ErrServerClosed
	}
	s.ln = ln
	s.mu.Unlock()
	stop := context.AfterFunc(ctx, func() { s.Close() })
	defer stop()
	var tempDelay time.Duration
	for {
		nc, err := ln.Accept()
		if err != nil {
			if s.isClosed() {
				s.wg.Wait()
				if ctx.Err() != nil {
					return nil
				}
				return ErrServerClosed
			}
			var ne net.Error
			if errors.As(err, &ne) && ne.Timeout() {
				// Out of file descriptors and the like: back off, as net/http does.
				tempDelay = min(max(tempDelay*2, 5*time.Millisecond), time.Second)
				time.Sleep(tempDelay)
				continue
			}
			s.Close()
			s.wg.Wait()
			return err
		}
		tempDelay = 0
		if !s.track(nc) {
			nc.Close()
			continue
		}
		s.wg.Add(1)
		go func() {
			defer s.wg.Done()
			defer s.untrack(nc)
			s.serveConn(ctx, nc)
		}()
	}
}

// Addr returns the listening address (nil before Serve).
func (s *Server) Addr() net.Addr {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.ln == nil {
		return nil
	}
	return s.ln.Addr()
}

// Close stops accepting, closes every client connection (canceling their
// running statements) and returns at once; Serve returns after the
// sessions ended. It does not close the database.
func (s *Server) Close() error {
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		return nil
	}
	s.closed = true
	close(s.done)
	ln := s.ln
	conns := make([]net.Conn, 0, len(s.conns))
	for c := range s.conns {
		conns = append(conns, c)
	}
	sessions := make([]*session, 0, len(s.sessions))
	for _, se := range s.sessions {
		sessions = append(sessions, se)
	}
	s.mu.Unlock()
	var err error
	if ln != nil {
		err = ln.Close()
	}
	for _, se := range sessions {
		se.cancelRunning()
	}
	for _, c := range conns {
		c.Close()
	}
	return err
}

func (s *Server) isClosed() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.closed
}

func (s *Server) track(nc net.Conn) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return false
	}
	s.conns[nc] = struct{}{}
	return true
}

func (s *Server) untrack(nc net.Conn) {
	s.mu.Lock()
	delete(s.conns, nc)
	s.mu.Unlock()
	nc.Close()
}

// admit counts a new session against MaxConns; false when the server is full.
func (s *Server) admit() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.cfg.MaxConns > 0 && s.active >= s.cfg.MaxConns {
		return false
	}
	s.active++
	return true
}

func (s *Server) release() {
	s.mu.Lock()
	s.active--
	s.mu.Unlock()
}

// register gives an authenticated session its process id for BackendKeyData.
func (s *Server) register(se *session) uint32 {
	s.mu.Lock()
	defer s.mu.Unlock()
	for {
		s.nextPID++
		if s.nextPID == 0 || s.nextPID > 1<<31-1 {
			s.nextPID = 1
		}
		if _, taken := s.sessions[s.nextPID]; !taken {
			s.sessions[s.nextPID] = se
			return s.nextPID
		}
	}
}

func (s *Server) unregister(pid uint32) {
	s.mu.Lock()
	delete(s.sessions, pid)
	s.mu.Unlock()
}

// cancel serves a CancelRequest: the session with that process id and
// secret key stops its running statement. A wrong key is ignored silently,
// as PostgreSQL does, so the request reveals nothing.
func (s *Server) cancel(pid uint32, key []byte) {
	s.mu.Lock()
	se := s.sessions[pid]
	s.mu.Unlock()
	if se != nil && se.keyMatches(key) {
		se.cancelRunning()
	}
}
