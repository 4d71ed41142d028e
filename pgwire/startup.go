package pgwire

import (
	"bytes"
	"crypto/tls"
	"encoding/binary"
	"io"
	"net"
	"sort"
	"strings"

	"github.com/jackc/pgx/v5/pgproto3"
	"github.com/warehoused/warehoused/sqlerr"
)

// Start-up packet codes (the int32 after the length).
const (
	codeCancel  = 80877102
	codeSSL     = 80877103
	codeGSSEnc  = 80877104
	protoMajor3 = 3
)

// maxStartupPacket is PostgreSQL's MAX_STARTUP_PACKET_LENGTH.
const maxStartupPacket = 10000

// startupMsg is a client's StartupMessage.
type startupMsg struct {
	minor  uint32 // requested protocol minor version
	params map[string]string
	// pqOptions are the "_pq_." protocol options, which this server does not
	// know: NegotiateProtocolVersion lists them back.
	pqOptions []string
}

// prefixConn replays bytes already read before reading from the connection.
type prefixConn struct {
	net.Conn
	prefix []byte
}

func (c *prefixConn) Read(p []byte) (int, error) {
	if len(c.prefix) > 0 {
		n := copy(p, c.prefix)
		c.prefix = c.prefix[n:]
		return n, nil
	}
	return c.Conn.Read(p)
}

// negotiate reads start-up packets until a StartupMessage: it answers
// SSLRequest (upgrading nc to TLS when configured) and GSSENCRequest, and
// serves CancelRequest (returning a nil message: the connection just ends).
// It returns the connection to continue on, possibly TLS.
func (s *Server) negotiate(nc net.Conn) (net.Conn, *startupMsg, error) {
	tlsDone := false
	for {
		var head [4]byte
		if _, err := io.ReadFull(nc, head[:1]); err != nil {
			return nc, nil, err
		}
		// A TLS ClientHello first: PostgreSQL 17's sslnegotiation=direct.
		if head[0] == 0x16 && !tlsDone && s.cfg.TLS != nil {
			tc := tls.Server(&prefixConn{Conn: nc, prefix: []byte{head[0]}}, s.directTLS())
			if err := tc.Handshake(); err != nil {
				return nc, nil, err
			}
			nc, tlsDone = tc, true
			continue
		}
		if _, err := io.ReadFull(nc, head[1:]); err != nil {
			return nc, nil, err
		}
		n := int(int32(binary.BigEndian.Uint32(head[:])))
		if n < 8 || n > maxStartupPacket {
			return nc, nil, protocolError("invalid length of startup packet")
		}
		body := make([]byte, n-4)
		if _, err := io.ReadFull(nc, body); err != nil {
			return nc, nil, err
		}
		code := binary.BigEndian.Uint32(body)
		switch code {
		case codeSSL:
			if tlsDone {
				return nc, nil, protocolError("SSLRequest after TLS was established")
			}
			if s.cfg.TLS == nil {
				if _, err := nc.Write([]byte{'N'}); err != nil {
					return nc, nil, err
				}
				continue
			}
			if _, err := nc.Write([]byte{'S'}); err != nil {
				return nc, nil, err
			}
			tc := tls.Server(nc, s.cfg.TLS)
			if err := tc.Handshake(); err != nil {
				return nc, nil, err
			}
			nc, tlsDone = tc, true
		case codeGSSEnc:
			if _, err := nc.Write([]byte{'N'}); err != nil {
				return nc, nil, err
			}
		case codeCancel:
			if len(body) < 12 {
				return nc, nil, protocolError("invalid length of cancel request")
			}
			s.cancel(binary.BigEndian.Uint32(body[4:]), body[8:])
			return nc, nil, nil
		default:
			if code>>16 != protoMajor3 {
				return nc, nil, sqlerr.Newf(sqlerr.FeatureNotSupported,
					"unsupported frontend protocol %d.%d: server supports 3.0 to 3.0", code>>16, code&0xffff)
			}
			m, err := parseStartup(body[4:])
			if err != nil {
				return nc, nil, err
			}
			m.minor = code & 0xffff
			return nc, m, nil
		}
	}
}

// directTLS is the TLS configuration for direct TLS connections, which
// must negotiate the "postgresql" ALPN protocol.
func (s *Server) directTLS() *tls.Config {
	c := s.cfg.TLS.Clone()
	if len(c.NextProtos) == 0 {
		c.NextProtos = []string{"postgresql"}
	}
	return c
}

// parseStartup reads the name/value pairs of a StartupMessage.
func parseStartup(b []byte) (*startupMsg, error) {
	m := &startupMsg{params: map[string]string{}}
	for {
		i := bytes.IndexByte(b, 0)
		if i < 0 {
			return nil, protocolError("invalid startup packet layout: expected terminator as last byte")
		}
		if i == 0 {
			return m, nil
		}
		key := string(b[:i])
		b = b[i+1:]
		j := bytes.IndexByte(b, 0)
		if j < 0 {
			return nil, protocolError("invalid startup packet layout: expected terminator as last byte")
		}
		if strings.HasPrefix(key, "_pq_.") {
			m.pqOptions = append(m.pqOptions, key)
		} else {
			m.params[key] = string(b[:j])
		}
		b = b[j+1:]
	}
}

// negotiationMessage is the NegotiateProtocolVersion a client asking for a
// newer minor version or for protocol options gets, or nil.
func (m *startupMsg) negotiationMessage() *pgproto3.NegotiateProtocolVersion {
	if m.minor == 0 && len(m.pqOptions) == 0 {
		return nil
	}
	opts := append([]string(nil), m.pqOptions...)
	sort.Strings(opts)
	return &pgproto3.NegotiateProtocolVersion{NewestMinorProtocol: 0, UnrecognizedOptions: opts}
}

// reportedParams are the settings sent as ParameterStatus at start-up and
// again whenever a statement changes them, by setting name (lower case) and
// the name clients expect.
var reportedParams = []struct{ setting, name string }{
	{"application_name", "application_name"},
	{"client_encoding", "client_encoding"},
	{"datestyle", "DateStyle"},
	{"default_transaction_read_only", "default_transaction_read_only"},
	{"in_hot_standby", "in_hot_standby"},
	{"integer_datetimes", "integer_datetimes"},
	{"intervalstyle", "IntervalStyle"},
	{"padb_revision", "padb_revision"},
	{"padb_version", "padb_version"},
	{"is_superuser", "is_superuser"},
	{"server_encoding", "server_encoding"},
	{"server_version", "server_version"},
	{"session_authorization", "session_authorization"},
	{"standard_conforming_strings", "standard_conforming_strings"},
	{"timezone", "TimeZone"},
}

// fixedParams are reported values without a session setting behind them.
// padb_version and padb_revision are what Redshift reports: drivers (asyncpg,
// the Redshift JDBC/ODBC drivers) tell Redshift from PostgreSQL by them.
var fixedParams = map[string]string{"in_hot_standby": "off", "client_encoding": "UTF8",
	"padb_version": "1.0.80000", "padb_revision": "80000"}
