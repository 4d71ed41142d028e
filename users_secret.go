package warehoused

import (
	"context"
	"crypto/hmac"
	"crypto/md5"
	"crypto/pbkdf2"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"encoding/hex"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"golang.org/x/text/secure/precis"

	"github.com/warehoused/warehoused/catalog"
	"github.com/warehoused/warehoused/sqlerr"
	"github.com/warehoused/warehoused/types"
)

// UserSecret is what a protocol server needs to authenticate a user: the
// stored password verifiers (never the password) and the login limits.
type UserSecret struct {
	Name      string
	Superuser bool
	// SCRAM is PostgreSQL's stored SCRAM-SHA-256 verifier,
	// "SCRAM-SHA-256$<iterations>:<salt b64>$<StoredKey b64>:<ServerKey b64>".
	SCRAM string
	// MD5 is "md5" + hex(md5(password + name)).
	MD5 string
	// SHA256 is Redshift's "sha256|<digest hex>|<salt hex>".
	SHA256 string
	// ValidUntil is when the password stops working; zero for never.
	ValidUntil time.Time
	// ConnLimit is the most concurrent sessions of the user; -1 unlimited.
	ConnLimit int
}

// HasPassword reports whether any password verifier is stored (a user with
// PASSWORD DISABLE has none and can only log in through trust).
func (u UserSecret) HasPassword() bool { return u.SCRAM != "" || u.MD5 != "" || u.SHA256 != "" }

// Expired reports whether the password's VALID UNTIL has passed at now.
func (u UserSecret) Expired(now time.Time) bool {
	return !u.ValidUntil.IsZero() && now.After(u.ValidUntil)
}

// CheckPassword checks a cleartext password (as the "password" method
// receives it) against whichever verifier is stored, in constant time.
func (u UserSecret) CheckPassword(password string) bool {
	switch {
	case u.SCRAM != "":
		salt, iter, stored, _, ok := u.SCRAMKeys()
		if !ok {
			return false
		}
		salted, err := pbkdf2.Key(sha256.New, normalizeSCRAMPassword(password), salt, iter, sha256.Size)
		if err != nil {
			return false
		}
		clientKey := hmacSHA256(salted, "Client Key")
		got := sha256.Sum256(clientKey)
		return subtle.ConstantTimeCompare(got[:], stored) == 1
	case u.MD5 != "":
		return subtle.ConstantTimeCompare([]byte(md5Password(password, u.Name)), []byte(u.MD5)) == 1
	case u.SHA256 != "":
		parts := strings.Split(u.SHA256, "|")
		if len(parts) != 3 {
			return false
		}
		salt, err := hex.DecodeString(parts[2])
		if err != nil {
			return false
		}
		sum := sha256.Sum256(append([]byte(password), salt...))
		return subtle.ConstantTimeCompare([]byte(hex.EncodeToString(sum[:])), []byte(strings.ToLower(parts[1]))) == 1
	}
	return false
}

// SCRAMKeys parses the stored SCRAM verifier; ok is false when there is none
// or it is malformed.
func (u UserSecret) SCRAMKeys() (salt []byte, iterations int, storedKey, serverKey []byte, ok bool) {
	return parseSCRAMVerifier(u.SCRAM)
}

func parseSCRAMVerifier(v string) (salt []byte, iterations int, storedKey, serverKey []byte, ok bool) {
	rest, found := strings.CutPrefix(v, "SCRAM-SHA-256$")
	if !found {
		return nil, 0, nil, nil, false
	}
	params, keys, found := strings.Cut(rest, "$")
	if !found {
		return nil, 0, nil, nil, false
	}
	iterText, saltText, found1 := strings.Cut(params, ":")
	storedText, serverText, found2 := strings.Cut(keys, ":")
	if !found1 || !found2 {
		return nil, 0, nil, nil, false
	}
	iter, err := strconv.Atoi(iterText)
	if err != nil || iter <= 0 {
		return nil, 0, nil, nil, false
	}
	salt, err1 := base64.StdEncoding.DecodeString(saltText)
	stored, err2 := base64.StdEncoding.DecodeString(storedText)
	server, err3 := base64.StdEncoding.DecodeString(serverText)
	if err1 != nil || err2 != nil || err3 != nil || len(stored) != sha256.Size || len(server) != sha256.Size {
		return nil, 0, nil, nil, false
	}
	return salt, iter, stored, server, true
}

// scramIterations is PostgreSQL's default scram_iterations.
const scramIterations = 4096

// scramVerifier builds the stored SCRAM-SHA-256 verifier of a password
// (RFC 5802/7677 as PostgreSQL stores it) with a random 16-byte salt.
func scramVerifier(password string) string {
	salt := make([]byte, 16)
	rand.Read(salt) // never fails (crypto/rand panics rather than return short)
	salted, err := pbkdf2.Key(sha256.New, normalizeSCRAMPassword(password), salt, scramIterations, sha256.Size)
	if err != nil {
		return "" // only for absurd parameters, which these are not
	}
	clientKey := hmacSHA256(salted, "Client Key")
	stored := sha256.Sum256(clientKey)
	server := hmacSHA256(salted, "Server Key")
	b64 := base64.StdEncoding.EncodeToString
	return "SCRAM-SHA-256$" + strconv.Itoa(scramIterations) + ":" + b64(salt) + "$" + b64(stored[:]) + ":" + b64(server)
}

func hmacSHA256(key []byte, msg string) []byte {
	h := hmac.New(sha256.New, key)
	h.Write([]byte(msg))
	return h.Sum(nil)
}

// normalizeSCRAMPassword applies SASLprep to a non-ASCII password as
// PostgreSQL and client libraries do before hashing, keeping the raw
// password when it is not valid under SASLprep (as PostgreSQL does).
func normalizeSCRAMPassword(p string) string {
	ascii := true
	for i := 0; i < len(p); i++ {
		if p[i] >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	if ascii {
		return p
	}
	n, err := precis.OpaqueString.String(p)
	if err != nil {
		return p
	}
	return n
}

// md5Password is PostgreSQL's stored MD5 form: "md5" + hex(md5(password + user)).
func md5Password(password, user string) string {
	sum := md5.Sum([]byte(password + user))
	return "md5" + hex.EncodeToString(sum[:])
}

// LookupUser returns the stored verifiers of a user in the latest committed
// catalog; ok is false for an unknown user.
func (db *DB) LookupUser(name string) (UserSecret, bool) {
	st, err := db.current()
	if err != nil {
		return UserSecret{}, false
	}
	u, ok := st.cat.User(name)
	if !ok {
		return UserSecret{}, false
	}
	s := UserSecret{Name: u.Name, Superuser: u.Superuser, SCRAM: u.SCRAM, MD5: u.MD5, SHA256: u.SHA256, ConnLimit: u.ConnLimit}
	if u.ValidUntil != "" {
		if d, err := types.Parse(types.TSTZType, u.ValidUntil); err == nil {
			s.ValidUntil = time.UnixMicro(d.(int64)).UTC()
		}
	}
	return s, true
}

// HasUsers reports whether any user exists (a server on a fresh directory
// creates its first superuser when there is none).
func (db *DB) HasUsers() bool {
	st, err := db.current()
	return err == nil && len(st.cat.Users()) > 0
}

// EnsureSuperuser creates user name as a superuser with password in its own
// committed transaction, unless the user exists (which is left as it is).
// The password is stored as SCRAM and MD5 verifiers; it is not checked
// against Redshift's password rules (the operator chose it).
func (db *DB) EnsureSuperuser(ctx context.Context, name, password string) (created bool, err error) {
	if name == "" {
		return false, sqlerr.Newf(sqlerr.InvalidParameterValue, "user name must not be empty")
	}
	for attempt := 0; attempt < maxAutocommitRetries; attempt++ {
		if err := ctx.Err(); err != nil {
			return false, sqlerr.Canceled(ctx)
		}
		st, err := db.current()
		if err != nil {
			return false, err
		}
		if _, ok := st.cat.User(name); ok {
			return false, nil
		}
		tx := newTxn(st, false)
		cat := tx.catalogForWrite()
		u := &catalog.User{Name: name, ID: nextUserID(cat), Superuser: true, CreateDB: true, ConnLimit: -1}
		if password != "" {
			u.SCRAM = scramVerifier(password)
			u.MD5 = md5Password(password, name)
		}
		cat.PutUser(u)
		err = db.commit(tx)
		if err == nil {
			return true, nil
		}
		if sqlerr.CodeOf(err) != sqlerr.SerializationFailure {
			return false, err
		}
	}
	return false, serializationError("the catalog")
}

// nextUserID is one more than the largest user id, starting at 100 (as
// Redshift numbers the users its customers create).
func nextUserID(cat *catalog.Catalog) int64 {
	id := int64(100)
	for _, u := range cat.Users() {
		if u.ID >= id {
			id = u.ID + 1
		}
	}
	return id
}

// GeneratePassword returns a random 20-character password that meets
// Redshift's rules (upper and lower case letters and a digit, printable
// ASCII without quotes, backslash, slash or @), for a first superuser.
func GeneratePassword() string {
	const (
		upper  = "ABCDEFGHJKLMNPQRSTUVWXYZ"
		lower  = "abcdefghijkmnopqrstuvwxyz"
		digits = "23456789"
		all    = upper + lower + digits
	)
	b := make([]byte, 20)
	rnd := make([]byte, len(b))
	rand.Read(rnd)
	for i := range b {
		b[i] = all[int(rnd[i])%len(all)]
	}
	// One of each class at random-looking but fixed places.
	b[3] = upper[int(rnd[3])%len(upper)]
	b[9] = lower[int(rnd[9])%len(lower)]
	b[15] = digits[int(rnd[15])%len(digits)]
	return string(b)
}
