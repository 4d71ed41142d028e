package warehoused

import (
	"strconv"
	"strings"

	"github.com/warehoused/warehoused/catalog"
	"github.com/warehoused/warehoused/sql/ast"
	"github.com/warehoused/warehoused/sqlerr"
	"github.com/warehoused/warehoused/types"
)

// CREATE USER, ALTER USER and DROP USER as Redshift runs them. Users live in
// the catalog, so they change inside the transaction like any DDL.

// reservedName is SQLSTATE 42939, PostgreSQL's reserved_name.
const reservedName sqlerr.Code = "42939"

func (c *Conn) createUser(s *ast.CreateUserStmt) (*Rows, error) {
	if err := c.requireUserAdmin("create"); err != nil {
		return nil, err
	}
	if err := checkUserName(s.Name); err != nil {
		return nil, err
	}
	if _, ok := c.tx.work.cat.User(s.Name); ok {
		return nil, sqlerr.Newf(sqlerr.DuplicateObject, "user \"%s\" already exists", s.Name)
	}
	u := &catalog.User{Name: s.Name, ConnLimit: -1}
	if err := applyUserOptions(u, s.Options); err != nil {
		return nil, err
	}
	cat := c.tx.catalogForWrite()
	u.ID = nextUserID(cat)
	cat.PutUser(u)
	return emptyRows("CREATE USER"), nil
}

func (c *Conn) alterUser(s *ast.AlterUserStmt) (*Rows, error) {
	old, ok := c.tx.work.cat.User(s.Name)
	if !ok {
		return nil, sqlerr.Newf(sqlerr.UndefinedObject, "user \"%s\" does not exist", s.Name)
	}
	// Users may change their own password; everything else needs a superuser.
	self := s.Name == c.sessionUser() && s.RenameTo == "" && len(s.Options) > 0
	for _, o := range s.Options {
		if o.Name != "password" {
			self = false
		}
	}
	if !self {
		if err := c.requireUserAdmin("alter"); err != nil {
			return nil, err
		}
	}
	u := *old
	if s.RenameTo != "" {
		if s.Name == c.sessionUser() {
			return nil, sqlerr.Newf(sqlerr.FeatureNotSupported, "session user cannot be renamed")
		}
		if err := checkUserName(s.RenameTo); err != nil {
			return nil, err
		}
		if _, ok := c.tx.work.cat.User(s.RenameTo); ok {
			return nil, sqlerr.Newf(sqlerr.DuplicateObject, "user \"%s\" already exists", s.RenameTo)
		}
		u.Name = s.RenameTo
		// The MD5 hash is salted with the user name, so it no longer
		// matches any password (PostgreSQL clears it too).
		u.MD5 = ""
	}
	if err := applyUserOptions(&u, s.Options); err != nil {
		return nil, err
	}
	cat := c.tx.catalogForWrite()
	if u.Name != s.Name {
		cat.DropUser(s.Name)
	}
	cat.PutUser(&u)
	return emptyRows("ALTER USER"), nil
}

func (c *Conn) dropUser(s *ast.DropUserStmt) (*Rows, error) {
	if err := c.requireUserAdmin("drop"); err != nil {
		return nil, err
	}
	for _, name := range s.Names {
		if _, ok := c.tx.work.cat.User(name); !ok {
			if s.IfExists {
				c.notice(SeverityNotice, sqlerr.SuccessfulCompletion, "user \"%s\" does not exist, skipping", name)
				continue
			}
			return nil, sqlerr.Newf(sqlerr.UndefinedObject, "user \"%s\" does not exist", name)
		}
		if name == c.sessionUser() {
			return nil, sqlerr.Newf(sqlerr.ObjectInUse, "current user cannot be dropped")
		}
		c.tx.catalogForWrite().DropUser(name)
	}
	return emptyRows("DROP USER"), nil
}

// requireUserAdmin fails with 42501 unless the session user is a superuser.
// A session user that is not in the catalog (an embedded database with no
// users, or Config.User never created) is allowed: it owns the process.
func (c *Conn) requireUserAdmin(verb string) error {
	u, ok := c.tx.work.cat.User(c.sessionUser())
	if !ok || u.Superuser {
		return nil
	}
	return sqlerr.Newf(sqlerr.InsufficientPrivilege, "permission denied to %s user", verb)
}

func checkUserName(name string) error {
	if strings.EqualFold(name, "public") {
		return sqlerr.Newf(reservedName, "user name \"%s\" is reserved", name)
	}
	if name == "" {
		return sqlerr.Newf(sqlerr.InvalidName, "zero-length delimited identifier")
	}
	return nil
}

// applyUserOptions applies CREATE/ALTER USER options to u.
func applyUserOptions(u *catalog.User, opts []*ast.RoleOption) error {
	for _, o := range opts {
		switch o.Name {
		case "password":
			if err := setUserPassword(u, o.Value); err != nil {
				return err
			}
		case "createdb":
			u.CreateDB = true
		case "nocreatedb":
			u.CreateDB = false
		case "createuser":
			u.Superuser = true
		case "nocreateuser":
			u.Superuser = false
		case "valid until":
			v := strings.TrimSpace(o.Value)
			if v == "" || strings.EqualFold(v, "infinity") {
				u.ValidUntil = ""
				continue
			}
			d, err := types.Parse(types.TSTZType, v)
			if err != nil {
				return err
			}
			u.ValidUntil = types.Format(types.TSTZType, d)
		case "connection limit":
			v := strings.TrimSpace(o.Value)
			if strings.EqualFold(v, "unlimited") {
				u.ConnLimit = -1
				continue
			}
			n, err := strconv.Atoi(v)
			if err != nil || n < -1 {
				return sqlerr.Newf(sqlerr.InvalidParameterValue, "invalid connection limit: %s", o.Value)
			}
			u.ConnLimit = n
		case "syslog access", "session timeout", "in group", "externalid", "login", "nologin", "inherit", "noinherit",
			"createrole", "nocreaterole":
			// Accepted for compatibility; they do not change what we enforce.
		default:
			if strings.HasPrefix(o.Name, "set ") || strings.HasPrefix(o.Name, "reset ") {
				continue // per-user setting defaults: accepted, not applied
			}
			return sqlerr.Newf(sqlerr.FeatureNotSupported, "user option %s is not supported", strings.ToUpper(o.Name))
		}
	}
	if u.Superuser && passwordDisabled(opts) {
		return sqlerr.Newf(sqlerr.InvalidParameterValue, "cannot disable the password of a superuser")
	}
	return nil
}

func passwordDisabled(opts []*ast.RoleOption) bool {
	for _, o := range opts {
		if o.Name == "password" && o.Value == "DISABLE" {
			return true
		}
	}
	return false
}

// setUserPassword stores a password given as Redshift takes it: DISABLE;
// 'md5' + 32 hex digits (md5 of password + user name); 'sha256|<digest>|<salt>'
// (pre-hashed); 'sha256|<password>'; or a clear-text password, which must
// meet Redshift's rules and is stored as SCRAM and MD5 verifiers.
func setUserPassword(u *catalog.User, pw string) error {
	u.SCRAM, u.MD5, u.SHA256 = "", "", ""
	switch {
	case pw == "DISABLE":
		return nil
	case isMD5Hash(pw):
		u.MD5 = strings.ToLower(pw)
		return nil
	case strings.HasPrefix(strings.ToLower(pw), "sha256|"):
		rest := pw[len("sha256|"):]
		if digest, salt, ok := strings.Cut(rest, "|"); ok {
			if !isHex(digest, 64) || salt == "" || !isHex(salt, len(salt)) || len(salt)%2 != 0 {
				return sqlerr.Newf(sqlerr.InvalidParameterValue, "invalid SHA256 password hash").
					WithHint("Use 'sha256|<64 hex digits of sha256(password || salt)>|<salt in hex>'.")
			}
			u.SHA256 = "sha256|" + strings.ToLower(digest) + "|" + strings.ToLower(salt)
			return nil
		}
		pw = rest
	}
	if err := checkPasswordRules(pw); err != nil {
		return err
	}
	u.SCRAM = scramVerifier(pw)
	u.MD5 = md5Password(pw, u.Name)
	return nil
}

func isMD5Hash(s string) bool {
	return len(s) == 35 && strings.HasPrefix(strings.ToLower(s), "md5") && isHex(s[3:], 32)
}

func isHex(s string, n int) bool {
	return len(s) == n && strings.Trim(s, "0123456789abcdefABCDEF") == ""
}

// checkPasswordRules enforces Redshift's rules for clear-text passwords:
// 8 to 64 characters; at least one upper-case letter, one lower-case letter
// and one digit; printable ASCII (33-126) except ' " \ / @.
func checkPasswordRules(pw string) error {
	bad := func(msg string) *sqlerr.Error { return sqlerr.Newf(sqlerr.InvalidParameterValue, "%s", msg) }
	if len(pw) < 8 {
		return bad("Password must be at least 8 characters long")
	}
	if len(pw) > 64 {
		return bad("Password must be at most 64 characters long")
	}
	var up, low, dig bool
	for i := 0; i < len(pw); i++ {
		ch := pw[i]
		switch {
		case ch < 33 || ch > 126 || strings.IndexByte("'\"\\/@", ch) >= 0:
			return bad("Password contains an invalid character").
				WithHint("Use printable ASCII characters other than ' \" \\ / @ and space.")
		case ch >= 'A' && ch <= 'Z':
			up = true
		case ch >= 'a' && ch <= 'z':
			low = true
		case ch >= '0' && ch <= '9':
			dig = true
		}
	}
	switch {
	case !up:
		return bad("Password must contain an uppercase letter")
	case !low:
		return bad("Password must contain a lowercase letter")
	case !dig:
		return bad("Password must contain a number")
	}
	return nil
}
