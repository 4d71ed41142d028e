package pgwire

import (
	"context"
	"crypto/rand"
	"crypto/subtle"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"os"
	"runtime/debug"
	"sync"
	"time"

	"github.com/jackc/pgx/v5/pgproto3"
	"github.com/warehoused/warehoused"
	"github.com/warehoused/warehoused/sqlerr"
)

// errClientGone is a write to a client that went away: nothing to report.
var errClientGone = errors.New("pgwire: client connection lost")

// startupTimeout bounds the whole start-up (TLS, authentication), as
// PostgreSQL's authentication_timeout does.
const startupTimeout = time.Minute

// session is one client connection after start-up: an engine session plus
// the protocol state (prepared statements, portals).
type session struct {
	srv  *Server
	nc   net.Conn
	be   *pgproto3.Backend
	w    *msgWriter
	conn *warehoused.Conn
	log  *slog.Logger

	pid uint32
	key [4]byte

	mu      sync.Mutex
	running context.CancelFunc // cancels the statement being executed; nil between statements

	stmts   map[string]*prepStmt
	portals map[string]*portal
	// skipToSync is set by an error in an extended-protocol message: later
	// messages are discarded until Sync, as PostgreSQL does.
	skipToSync bool
	reported   map[string]string                 // ParameterStatus values the client has
	parsed     map[string][]warehoused.Statement // recent simple-query texts (parse_cache.go)
	// broken is a read failure inside a COPY: the stream cannot be trusted
	// any more and the session ends after reporting it.
	broken error
}

// serveConn runs one client connection to its end.
func (s *Server) serveConn(ctx context.Context, nc net.Conn) {
	defer func() {
		if r := recover(); r != nil {
			s.cfg.Logger.Error("pgwire: panic during start-up", "panic", fmt.Sprint(r), "stack", string(debug.Stack()))
		}
	}()
	nc.SetDeadline(time.Now().Add(startupTimeout))
	nc, m, err := s.negotiate(nc)
	if err != nil || m == nil {
		if err != nil {
			s.fatalBeforeSession(nc, err)
		}
		return
	}
	w := newMsgWriter(nc)
	fail := func(err error) {
		if err == errClientGone || sqlerr.CodeOf(err) == connectionFailure {
			return // the client hung up (psql does so to prompt for a password)
		}
		w.send(errorResponse(err, sevFatal, 0))
		w.flush()
	}
	user := m.params["user"]
	if user == "" {
		fail(sqlerr.Newf(sqlerr.InvalidAuthorizationSpec, "no PostgreSQL user name specified in startup packet"))
		return
	}
	if !s.admit() {
		fail(sqlerr.Newf(sqlerr.TooManyConnections, "sorry, too many clients already"))
		return
	}
	defer s.release()
	if nm := m.negotiationMessage(); nm != nil {
		w.send(nm)
		if w.flush() != nil {
			return
		}
	}
	be := pgproto3.NewBackend(nc, nc)
	be.SetMaxBodyLen(s.cfg.MaxMessageBytes)
	if err := s.login(ctx, be, user); err != nil {
		fail(err)
		return
	}
	if err := s.admitUser(user); err != nil {
		fail(err)
		return
	}
	defer s.releaseUser(user)
	db := m.params["database"]
	if db == "" {
		db = user
	}
	// One process serves one database, as a Redshift cluster serves its own.
	if want := s.db.Config().Database; db != want {
		fail(sqlerr.Newf(sqlerr.Code("3D000"), "database \"%s\" does not exist", db))
		return
	}
	conn, err := s.db.ConnectWith(ctx, warehoused.ConnOptions{User: user, Database: db,
		ApplicationName: m.params["application_name"], Params: m.params})
	if err != nil {
		fail(err)
		return
	}
	defer conn.Close()
	nc.SetDeadline(time.Time{})
	se := &session{srv: s, nc: nc, be: be, w: w, conn: conn,
		log:   s.cfg.Logger.With("user", user, "remote", nc.RemoteAddr().String()),
		stmts: map[string]*prepStmt{}, portals: map[string]*portal{}, reported: map[string]string{}}
	w.onError = se.cancelRunning
	if _, err := rand.Read(se.key[:]); err != nil {
		fail(err)
		return
	}
	se.pid = s.register(se)
	defer s.unregister(se.pid)
	se.reportParams()
	w.send(&pgproto3.BackendKeyData{ProcessID: se.pid, SecretKey: se.key[:]})
	se.readyForQuery()
	if w.flush() != nil {
		return
	}
	se.run(ctx)
}

// fatalBeforeSession reports a start-up failure, unless the client just went away.
func (s *Server) fatalBeforeSession(nc net.Conn, err error) {
	if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, net.ErrClosed) || errors.Is(err, os.ErrDeadlineExceeded) {
		return
	}
	var se *sqlerr.Error
	if !errors.As(err, &se) {
		s.cfg.Logger.Debug("pgwire: start-up failed", "remote", nc.RemoteAddr().String(), "err", err)
		return
	}
	w := newMsgWriter(nc)
	w.send(errorResponse(err, sevFatal, 0))
	w.flush()
}

// run serves messages until the client terminates or the connection fails.
func (se *session) run(ctx context.Context) {
	defer func() {
		se.closePortals()
		if r := recover(); r != nil {
			se.log.Error("pgwire: panic in session", "panic", fmt.Sprint(r), "stack", string(debug.Stack()))
			se.w.send(errorResponse(sqlerr.Newf(sqlerr.InternalError, "internal error: %v", r), sevFatal, 0))
			se.w.flush()
		}
	}()
	idle := se.srv.cfg.IdleSessionTimeout
	for {
		if idle > 0 {
			se.nc.SetReadDeadline(time.Now().Add(idle))
		}
		msg, err := se.be.Receive()
		if idle > 0 {
			se.nc.SetReadDeadline(time.Time{})
		}
		if err != nil {
			se.receiveFailed(err)
			return
		}
		if !se.handle(ctx, msg) {
			return
		}
		if se.broken != nil {
			se.receiveFailed(se.broken)
			return
		}
		if se.w.err != nil {
			return
		}
	}
}

// receiveFailed ends the session after a read error, telling the client
// why when it is still there.
func (se *session) receiveFailed(err error) {
	var tooBig *pgproto3.ExceededMaxBodyLenErr
	var sqlErr *sqlerr.Error
	switch {
	case errors.As(err, &sqlErr):
		se.fatal(sqlErr)
	case errors.Is(err, os.ErrDeadlineExceeded):
		if se.conn.TxStatus() != 'I' {
			// PostgreSQL's idle_in_transaction_session_timeout: an open
			// transaction pins a snapshot, so it is not left forever either.
			se.fatal(sqlerr.Newf(sqlerr.Code("25P03"), "terminating connection due to idle-in-transaction timeout"))
			return
		}
		se.fatal(sqlerr.Newf(sqlerr.Code("57P05"), "terminating connection due to idle-session timeout"))
	case errors.As(err, &tooBig):
		se.fatal(protocolError("message of %d bytes exceeds the limit of %d bytes", tooBig.ActualBodyLen, tooBig.MaxExpectedBodyLen))
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF), errors.Is(err, net.ErrClosed):
	default:
		se.fatal(protocolError("invalid frontend message: %v", err))
	}
}

// fatal sends a FATAL error; the caller then ends the session.
func (se *session) fatal(err error) {
	se.w.send(errorResponse(err, sevFatal, 0))
	se.w.flush()
}

// handle serves one message; false ends the session.
func (se *session) handle(ctx context.Context, msg pgproto3.FrontendMessage) bool {
	switch msg.(type) {
	case *pgproto3.Sync:
		se.skipToSync = false
		se.sync()
		return true
	case *pgproto3.Terminate:
		return false
	case *pgproto3.CopyData, *pgproto3.CopyDone, *pgproto3.CopyFail:
		// Left over from a COPY that failed: PostgreSQL drops them.
		return true
	case *pgproto3.Flush:
		se.w.flush()
		return true
	}
	if se.skipToSync {
		return true
	}
	switch m := msg.(type) {
	case *pgproto3.Query:
		se.simpleQuery(ctx, m.String)
		se.readyForQuery()
		se.w.flush()
	case *pgproto3.Parse:
		se.parse(m)
	case *pgproto3.Bind:
		se.bind(m)
	case *pgproto3.Describe:
		se.describe(m)
	case *pgproto3.Execute:
		se.execute(ctx, m)
	case *pgproto3.Close:
		se.close(m)
	case *pgproto3.FunctionCall:
		se.extendedError(sqlerr.Newf(sqlerr.FeatureNotSupported, "the function call protocol is not supported"), 0)
	default:
		se.fatal(protocolError("unexpected message type 0x%02x", typeByte(msg)))
		return false
	}
	return true
}

func typeByte(m pgproto3.FrontendMessage) byte {
	b, err := m.Encode(nil)
	if err != nil || len(b) == 0 {
		return 0
	}
	return b[0]
}

// readyForQuery sends ReadyForQuery with the transaction status.
func (se *session) readyForQuery() {
	se.w.send(&pgproto3.ReadyForQuery{TxStatus: se.conn.TxStatus()})
}

// reportParams sends ParameterStatus for every reported setting whose value
// the client does not have yet.
func (se *session) reportParams() {
	for _, p := range reportedParams {
		v, ok := fixedParams[p.setting]
		if !ok {
			v, _ = se.conn.Setting(p.setting)
		}
		if p.setting == "server_version" && se.srv.cfg.Version != "" {
			v = se.srv.cfg.Version
		}
		if old, sent := se.reported[p.setting]; sent && old == v {
			continue
		}
		se.reported[p.setting] = v
		se.w.send(&pgproto3.ParameterStatus{Name: p.name, Value: v})
	}
}

// begin starts a statement: its context is canceled by a CancelRequest, by
// the client vanishing, or when the server closes.
func (se *session) begin(ctx context.Context) (context.Context, context.CancelFunc) {
	ctx, cancel := context.WithCancel(ctx)
	se.mu.Lock()
	se.running = cancel
	se.mu.Unlock()
	return ctx, func() {
		se.mu.Lock()
		se.running = nil
		se.mu.Unlock()
		cancel()
	}
}

// cancelRunning cancels the statement being executed, if any.
func (se *session) cancelRunning() {
	se.mu.Lock()
	c := se.running
	se.mu.Unlock()
	if c != nil {
		c()
	}
}

func (se *session) keyMatches(key []byte) bool {
	return subtle.ConstantTimeCompare(key, se.key[:]) == 1
}
