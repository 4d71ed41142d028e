package pgwire

import (
	"context"
	"crypto/md5"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"sync"
	"time"

	"github.com/jackc/pgx/v5/pgproto3"

	"github.com/warehoused/warehoused"
	"github.com/warehoused/warehoused/sqlerr"
)

// Authentication methods (Config.AuthMethod), named as in pg_hba.conf.
const (
	AuthSCRAM    = "scram-sha-256"
	AuthMD5      = "md5"
	AuthPassword = "password" // cleartext; only sensible over TLS
	AuthTrust    = "trust"
)

// authenticate runs the authentication exchange for user after the
// StartupMessage and, on success, queues (does not flush) AuthenticationOk;
// the caller goes on with ParameterStatus, BackendKeyData and ReadyForQuery.
//
// lookup is normally (*warehoused.DB).LookupUser. On failure the error is a
// *sqlerr.Error the caller sends as a FATAL ErrorResponse before closing (no
// ReadyForQuery): 28P01 `password authentication failed for user "x"`, worded
// the same whether the user is unknown, has no password, has an expired
// one (VALID UNTIL) or gave a wrong one, so a client cannot probe for user
// names; 08P01 for a malformed exchange; 28000 for an unknown method; and
// 08006 when the client hung up mid-exchange (psql does that to prompt for a
// password; nothing needs to be sent then).
//
// Methods: "scram-sha-256" (SASL, SCRAM-SHA-256 without channel binding;
// unknown users go through a mock exchange with a per-user stable salt and
// fail at the end), "md5" (a user holding only a SCRAM verifier is asked for
// SCRAM instead, as PostgreSQL does), "password" (checks SCRAM, MD5 or
// Redshift sha256 verifiers) and "trust" (no check; whether the role must
// exist is the caller's policy). Connection limits are the caller's too.
func authenticate(ctx context.Context, be *pgproto3.Backend, method string, user string, lookup func(name string) (warehoused.UserSecret, bool)) error {
	if err := ctx.Err(); err != nil {
		return sqlerr.Canceled(ctx)
	}
	var secret warehoused.UserSecret
	known := false
	if lookup != nil {
		secret, known = lookup(user)
	}
	// A user whose password is disabled or expired gets the full exchange
	// and the same failure as a wrong password.
	usable := known && secret.HasPassword() && !secret.Expired(time.Now())

	var ok bool
	var err error
	switch method {
	case AuthTrust:
		ok = true
	case AuthSCRAM:
		ok, err = scramExchange(ctx, be, user, secret, usable)
	case AuthMD5:
		if usable && secret.MD5 == "" && secret.SCRAM != "" {
			ok, err = scramExchange(ctx, be, user, secret, usable)
		} else {
			ok, err = md5Exchange(ctx, be, user, secret, usable)
		}
	case AuthPassword:
		ok, err = cleartextExchange(ctx, be, secret, usable)
	default:
		return sqlerr.Newf(sqlerr.InvalidAuthorizationSpec, "authentication method \"%s\" is not supported", method)
	}
	if err != nil {
		return err
	}
	if !ok {
		return authFailed(user)
	}
	be.Send(&pgproto3.AuthenticationOk{})
	return nil
}

func authFailed(user string) error {
	return sqlerr.Newf(sqlerr.InvalidPassword, "password authentication failed for user \"%s\"", user)
}

// connectionFailure is SQLSTATE 08006.
const connectionFailure sqlerr.Code = "08006"

// sendAndReceive flushes an authentication request and reads the client's
// 'p' reply, which pgproto3 decodes according to authType.
func sendAndReceive(ctx context.Context, be *pgproto3.Backend, req pgproto3.BackendMessage, authType uint32) (pgproto3.FrontendMessage, error) {
	if err := ctx.Err(); err != nil {
		return nil, sqlerr.Canceled(ctx)
	}
	be.Send(req)
	if err := be.Flush(); err != nil {
		return nil, sqlerr.Wrapf(err, connectionFailure, "could not send authentication request")
	}
	if err := be.SetAuthType(authType); err != nil {
		return nil, sqlerr.Wrapf(err, sqlerr.InternalError, "authentication")
	}
	msg, err := be.Receive()
	if err != nil {
		if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
			return nil, sqlerr.Wrapf(err, connectionFailure, "client closed the connection during authentication")
		}
		return nil, sqlerr.Wrapf(err, sqlerr.ProtocolViolation, "invalid authentication response")
	}
	if err := ctx.Err(); err != nil {
		return nil, sqlerr.Canceled(ctx)
	}
	return msg, nil
}

func expectedPassword(msg pgproto3.FrontendMessage) error {
	return sqlerr.Newf(sqlerr.ProtocolViolation, "expected password response, got message type %s", messageName(msg))
}

func messageName(msg pgproto3.FrontendMessage) string { return fmt.Sprintf("%T", msg) }

func cleartextExchange(ctx context.Context, be *pgproto3.Backend, secret warehoused.UserSecret, usable bool) (bool, error) {
	msg, err := sendAndReceive(ctx, be, &pgproto3.AuthenticationCleartextPassword{}, pgproto3.AuthTypeCleartextPassword)
	if err != nil {
		return false, err
	}
	pm, isPw := msg.(*pgproto3.PasswordMessage)
	if !isPw {
		return false, expectedPassword(msg)
	}
	if pm.Password == "" {
		// libpq never sends an empty password; PostgreSQL refuses it outright.
		return false, nil
	}
	if !usable {
		// Spend the same PBKDF2 time as a real check, so the reply's
		// timing does not tell unknown users from wrong passwords.
		decoySecret().CheckPassword(pm.Password)
		return false, nil
	}
	return secret.CheckPassword(pm.Password), nil
}

// decoySecret is a SCRAM verifier no password matches (random keys), with
// PostgreSQL's default iteration count. Built once, never changed.
var decoySecret = sync.OnceValue(func() warehoused.UserSecret {
	b := make([]byte, 16+2*sha256.Size)
	rand.Read(b)
	enc := base64.StdEncoding.EncodeToString
	return warehoused.UserSecret{SCRAM: "SCRAM-SHA-256$4096:" + enc(b[:16]) + "$" + enc(b[16:48]) + ":" + enc(b[48:])}
})

func md5Exchange(ctx context.Context, be *pgproto3.Backend, user string, secret warehoused.UserSecret, usable bool) (bool, error) {
	var salt [4]byte
	rand.Read(salt[:])
	msg, err := sendAndReceive(ctx, be, &pgproto3.AuthenticationMD5Password{Salt: salt}, pgproto3.AuthTypeMD5Password)
	if err != nil {
		return false, err
	}
	pm, isPw := msg.(*pgproto3.PasswordMessage)
	if !isPw {
		return false, expectedPassword(msg)
	}
	if !usable || secret.MD5 == "" {
		return false, nil
	}
	// The client sends "md5" + md5hex(md5hex(password + user) + salt); the
	// stored hash is "md5" + md5hex(password + user).
	sum := md5.Sum(append([]byte(secret.MD5[len("md5"):]), salt[:]...))
	want := "md5" + hex.EncodeToString(sum[:])
	return subtle.ConstantTimeCompare([]byte(pm.Password), []byte(want)) == 1, nil
}
