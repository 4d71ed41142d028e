package pgwire

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"strconv"
	"sync"

	"github.com/jackc/pgx/v5/pgproto3"

	"github.com/warehoused/warehoused"
	"github.com/warehoused/warehoused/sqlerr"
)

// SCRAM-SHA-256 (RFC 5802, RFC 7677) as PostgreSQL runs it over SASL
// messages: the server never sees the password, only a proof the client
// computes from it; the server's own signature proves to the client that the
// server holds the verifier. Channel binding (SCRAM-SHA-256-PLUS) is not
// offered, so clients send the "n" or "y" GS2 flag.

const scramMechanism = "SCRAM-SHA-256"

// mockSaltKey keys the salts of users that do not exist: HMAC(key, name)
// gives every unknown name one stable salt for the process's life, so the
// server-first-message does not reveal whether a user exists (a fresh
// random salt per attempt would). Set once, never changed.
var mockSaltKey = sync.OnceValue(func() []byte {
	k := make([]byte, 32)
	rand.Read(k)
	return k
})

func mockSalt(user string) []byte {
	h := hmac.New(sha256.New, mockSaltKey())
	h.Write([]byte(user))
	return h.Sum(nil)[:16]
}

func malformedSCRAM(detail string) error {
	return sqlerr.Newf(sqlerr.ProtocolViolation, "malformed SCRAM message").WithDetail("%s", detail)
}

// scramExchange runs the SASL exchange. With no usable verifier it runs to
// the end with a mock salt and a random stored key, and fails there.
func scramExchange(ctx context.Context, be *pgproto3.Backend, user string, secret warehoused.UserSecret, usable bool) (bool, error) {
	salt, iter, storedKey, serverKey, real := secret.SCRAMKeys()
	real = real && usable
	if !real {
		salt, iter = mockSalt(user), 4096
		storedKey, serverKey = make([]byte, sha256.Size), make([]byte, sha256.Size)
		rand.Read(storedKey)
		rand.Read(serverKey)
	}

	msg, err := sendAndReceive(ctx, be, &pgproto3.AuthenticationSASL{AuthMechanisms: []string{scramMechanism}}, pgproto3.AuthTypeSASL)
	if err != nil {
		return false, err
	}
	init, isInit := msg.(*pgproto3.SASLInitialResponse)
	if !isInit {
		return false, expectedPassword(msg)
	}
	if init.AuthMechanism != scramMechanism {
		return false, sqlerr.Newf(sqlerr.ProtocolViolation, "client selected an invalid SASL authentication mechanism")
	}
	gs2Header, clientFirstBare, clientNonce, err := parseClientFirst(init.Data)
	if err != nil {
		return false, err
	}

	nonceBytes := make([]byte, 18)
	rand.Read(nonceBytes)
	nonce := clientNonce + base64.StdEncoding.EncodeToString(nonceBytes)
	serverFirst := "r=" + nonce + ",s=" + base64.StdEncoding.EncodeToString(salt) + ",i=" + strconv.Itoa(iter)

	msg, err = sendAndReceive(ctx, be, &pgproto3.AuthenticationSASLContinue{Data: []byte(serverFirst)}, pgproto3.AuthTypeSASLContinue)
	if err != nil {
		return false, err
	}
	resp, isResp := msg.(*pgproto3.SASLResponse)
	if !isResp {
		return false, expectedPassword(msg)
	}
	finalWithoutProof, proof, err := parseClientFinal(resp.Data, gs2Header, nonce)
	if err != nil {
		return false, err
	}

	authMessage := clientFirstBare + "," + serverFirst + "," + finalWithoutProof
	clientSignature := hmacSum(storedKey, authMessage)
	clientKey := make([]byte, sha256.Size)
	subtle.XORBytes(clientKey, proof, clientSignature)
	computed := sha256.Sum256(clientKey)
	if subtle.ConstantTimeCompare(computed[:], storedKey) != 1 || !real {
		return false, nil
	}
	serverSignature := hmacSum(serverKey, authMessage)
	be.Send(&pgproto3.AuthenticationSASLFinal{Data: []byte("v=" + base64.StdEncoding.EncodeToString(serverSignature))})
	return true, nil
}

func hmacSum(key []byte, msg string) []byte {
	h := hmac.New(sha256.New, key)
	h.Write([]byte(msg))
	return h.Sum(nil)
}

// parseClientFirst reads "gs2-header client-first-message-bare", where the
// header is "n,," or "y,," (no channel binding, no authorization identity)
// and the bare message "n=<user>,r=<nonce>[,ext...]". PostgreSQL ignores the
// SCRAM user name (the StartupMessage's counts), and so do we.
func parseClientFirst(data []byte) (gs2Header, bare, nonce string, err error) {
	s := string(data)
	if len(s) < 3 {
		return "", "", "", malformedSCRAM("The message is too short.")
	}
	switch s[0] {
	case 'n', 'y':
		if s[1] != ',' {
			return "", "", "", malformedSCRAM("Comma expected after the channel binding flag.")
		}
	case 'p':
		return "", "", "", sqlerr.Newf(sqlerr.ProtocolViolation, "malformed SCRAM message").
			WithDetail("The client selected SCRAM-SHA-256 without channel binding, but the SCRAM message includes channel binding data.")
	default:
		return "", "", "", malformedSCRAM("Unexpected channel-binding flag.")
	}
	rest := s[2:]
	if rest[0] != ',' {
		if rest[0] == 'a' {
			return "", "", "", sqlerr.Newf(sqlerr.FeatureNotSupported, "client uses authorization identity, but it is not supported")
		}
		return "", "", "", malformedSCRAM("Unexpected attribute in client-first-message.")
	}
	gs2Header = s[:3]
	bare = rest[1:]
	attrs := bytes.Split([]byte(bare), []byte(","))
	if len(attrs) < 2 || !bytes.HasPrefix(attrs[0], []byte("n=")) || !bytes.HasPrefix(attrs[1], []byte("r=")) {
		if len(attrs) > 0 && bytes.HasPrefix(attrs[0], []byte("m=")) {
			return "", "", "", sqlerr.Newf(sqlerr.FeatureNotSupported, "client requires an unsupported SCRAM extension")
		}
		return "", "", "", malformedSCRAM("Expected user name and nonce attributes.")
	}
	nonce = string(attrs[1][2:])
	if nonce == "" {
		return "", "", "", malformedSCRAM("The client nonce is empty.")
	}
	for i := 0; i < len(nonce); i++ {
		if c := nonce[i]; c < 0x21 || c > 0x7e {
			return "", "", "", malformedSCRAM("The client nonce contains invalid characters.")
		}
	}
	return gs2Header, bare, nonce, nil
}

// parseClientFinal reads "c=<b64 gs2 header>,r=<nonce>[,ext...],p=<b64 proof>".
func parseClientFinal(data []byte, gs2Header, nonce string) (withoutProof string, proof []byte, err error) {
	s := string(data)
	k := bytes.LastIndex(data, []byte(",p="))
	if k < 0 {
		return "", nil, malformedSCRAM("The client proof is missing.")
	}
	withoutProof = s[:k]
	proof, err = base64.StdEncoding.DecodeString(s[k+3:])
	if err != nil || len(proof) != sha256.Size {
		return "", nil, malformedSCRAM("Malformed proof in client-final-message.")
	}
	attrs := bytes.Split([]byte(withoutProof), []byte(","))
	if len(attrs) < 2 || !bytes.HasPrefix(attrs[0], []byte("c=")) || !bytes.HasPrefix(attrs[1], []byte("r=")) {
		return "", nil, malformedSCRAM("Expected channel binding and nonce attributes.")
	}
	cbind, err := base64.StdEncoding.DecodeString(string(attrs[0][2:]))
	if err != nil || string(cbind) != gs2Header {
		return "", nil, sqlerr.Newf(sqlerr.ProtocolViolation, "SCRAM channel binding check failed")
	}
	if string(attrs[1][2:]) != nonce {
		return "", nil, malformedSCRAM("Nonce does not match.")
	}
	return withoutProof, proof, nil
}
