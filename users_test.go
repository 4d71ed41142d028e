package warehoused

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"testing"
	"time"

	"github.com/warehoused/warehoused/sqlerr"
)

func openUsersDB(t *testing.T) *DB {
	t.Helper()
	db, err := Open(context.Background(), "", Config{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func userExec(t *testing.T, c interface {
	Exec(context.Context, string, ...any) (Result, error)
}, sql string) {
	t.Helper()
	if _, err := c.Exec(context.Background(), sql); err != nil {
		t.Fatalf("%s: %v", sql, err)
	}
}

// sha256Password is Redshift's 'sha256|digest|salt' form of a password.
func sha256Password(password string) string {
	salt := make([]byte, 8)
	rand.Read(salt)
	sum := sha256.Sum256(append([]byte(password), salt...))
	return "sha256|" + hex.EncodeToString(sum[:]) + "|" + hex.EncodeToString(salt)
}

func TestUserPasswordForms(t *testing.T) {
	db := openUsersDB(t)
	ctx := context.Background()
	userExec(t, db, "CREATE USER plain PASSWORD 'Secret123'")
	userExec(t, db, "CREATE USER hashed PASSWORD '"+md5Password("Hashed123", "hashed")+"'")
	userExec(t, db, "CREATE USER pre PASSWORD '"+sha256Password("Sha256Pass1")+"'")
	userExec(t, db, "CREATE USER viasha PASSWORD 'sha256|ViaSha256x'")
	userExec(t, db, "CREATE USER nopw PASSWORD DISABLE")
	for _, c := range []struct {
		user, right  string
		scram, md5   bool
		wrongs       []string
		wantPassword bool
	}{
		{"plain", "Secret123", true, true, []string{"secret123", "Secret1234", ""}, true},
		{"hashed", "Hashed123", false, true, []string{"hashed123"}, true},
		{"pre", "Sha256Pass1", false, false, []string{"Sha256Pass2"}, true},
		{"viasha", "ViaSha256x", true, true, []string{"sha256|ViaSha256x"}, true},
		{"nopw", "", false, false, []string{"", "x"}, false},
	} {
		u, ok := db.LookupUser(c.user)
		if !ok {
			t.Fatalf("%s: not found", c.user)
		}
		if u.HasPassword() != c.wantPassword || (u.SCRAM != "") != c.scram || (u.MD5 != "") != c.md5 {
			t.Errorf("%s: secret %+v", c.user, u)
		}
		if c.wantPassword && !u.CheckPassword(c.right) {
			t.Errorf("%s: right password refused", c.user)
		}
		for _, w := range c.wrongs {
			if u.CheckPassword(w) {
				t.Errorf("%s: wrong password %q accepted", c.user, w)
			}
		}
		if c.scram {
			salt, iter, stored, server, ok := u.SCRAMKeys()
			if !ok || len(salt) != 16 || iter != 4096 || len(stored) != 32 || len(server) != 32 {
				t.Errorf("%s: SCRAM verifier %q", c.user, u.SCRAM)
			}
		}
	}
	if _, ok := db.LookupUser("nobody"); ok {
		t.Error("unknown user found")
	}
	// Renaming clears the MD5 hash (salted with the name) but keeps SCRAM.
	userExec(t, db, "ALTER USER plain RENAME TO renamed")
	u, _ := db.LookupUser("renamed")
	if u.MD5 != "" || u.SCRAM == "" || !u.CheckPassword("Secret123") {
		t.Errorf("after rename: %+v", u)
	}
	_ = ctx
}

func TestUserValidUntil(t *testing.T) {
	db := openUsersDB(t)
	userExec(t, db, "CREATE USER old PASSWORD 'Secret123' VALID UNTIL '2001-02-03 04:05:06+01'")
	u, _ := db.LookupUser("old")
	want := time.Date(2001, 2, 3, 3, 5, 6, 0, time.UTC)
	if !u.ValidUntil.Equal(want) || !u.Expired(time.Now()) || u.Expired(want.Add(-time.Second)) {
		t.Errorf("ValidUntil %v, want %v", u.ValidUntil, want)
	}
	userExec(t, db, "ALTER USER old VALID UNTIL 'infinity'")
	if u, _ := db.LookupUser("old"); !u.ValidUntil.IsZero() || u.Expired(time.Now()) {
		t.Errorf("infinity: %v", u.ValidUntil)
	}
	if _, err := db.Exec(context.Background(), "ALTER USER old VALID UNTIL 'someday'"); sqlerr.CodeOf(err) == "" {
		t.Error("bad VALID UNTIL accepted")
	}
}

func TestUserPrivileges(t *testing.T) {
	db := openUsersDB(t)
	ctx := context.Background()
	if db.HasUsers() {
		t.Fatal("fresh database has users")
	}
	created, err := db.EnsureSuperuser(ctx, "admin", "Admin1234")
	if err != nil || !created {
		t.Fatalf("EnsureSuperuser: %v %v", created, err)
	}
	if created, err := db.EnsureSuperuser(ctx, "admin", "Other1234"); err != nil || created {
		t.Fatalf("EnsureSuperuser again: %v %v", created, err)
	}
	if u, _ := db.LookupUser("admin"); !u.Superuser || !u.CheckPassword("Admin1234") || u.CheckPassword("Other1234") {
		t.Fatalf("admin: %+v", u)
	}
	if !db.HasUsers() {
		t.Fatal("HasUsers false after EnsureSuperuser")
	}
	admin, err := db.ConnectWith(ctx, ConnOptions{User: "admin"})
	if err != nil {
		t.Fatal(err)
	}
	defer admin.Close()
	userExec(t, admin, "CREATE USER bob PASSWORD 'Bobpass123'")
	userExec(t, admin, "CREATE USER eve PASSWORD 'Evepass123'")

	bob, err := db.ConnectWith(ctx, ConnOptions{User: "bob"})
	if err != nil {
		t.Fatal(err)
	}
	defer bob.Close()
	for _, sql := range []string{
		"CREATE USER mallory PASSWORD 'Mallory123'",
		"DROP USER eve",
		"ALTER USER eve PASSWORD 'Hacked1234'",
		"ALTER USER bob CREATEUSER",
		"ALTER USER bob PASSWORD 'Bobpass456' CREATEUSER",
	} {
		if _, err := bob.Exec(ctx, sql); sqlerr.CodeOf(err) != sqlerr.InsufficientPrivilege {
			t.Errorf("%s as bob: %v, want 42501", sql, err)
		}
	}
	// A user may change their own password.
	userExec(t, bob, "ALTER USER bob PASSWORD 'Bobpass456'")
	if u, _ := db.LookupUser("bob"); !u.CheckPassword("Bobpass456") {
		t.Error("own password change did not apply")
	}
	if _, err := admin.Exec(ctx, "DROP USER admin"); sqlerr.CodeOf(err) != sqlerr.ObjectInUse {
		t.Errorf("dropping the session user: %v", err)
	}
	if _, err := admin.Exec(ctx, "ALTER USER admin RENAME TO boss"); sqlerr.CodeOf(err) != sqlerr.FeatureNotSupported {
		t.Errorf("renaming the session user: %v", err)
	}
	userExec(t, admin, "ALTER USER bob CREATEUSER")
	userExec(t, bob, "DROP USER eve")
}

func TestGeneratePassword(t *testing.T) {
	seen := map[string]bool{}
	for range 200 {
		p := GeneratePassword()
		if err := checkPasswordRules(p); err != nil {
			t.Fatalf("%q: %v", p, err)
		}
		if seen[p] {
			t.Fatalf("repeated password %q", p)
		}
		seen[p] = true
	}
}

func TestPasswordRules(t *testing.T) {
	for pw, want := range map[string]string{
		"Abcdefg1":                 "",
		"Ab1":                      "at least 8",
		strings.Repeat("Ab1", 22):  "at most 64",
		"abcdefg1":                 "uppercase",
		"ABCDEFG1":                 "lowercase",
		"Abcdefgh":                 "number",
		"Abcdef 1":                 "invalid character",
		"Abcdef/1":                 "invalid character",
		"Abcdéfg1":                 "invalid character",
		"A!#$%^&*()_+-=~`b1{}[]:;": "",
	} {
		err := checkPasswordRules(pw)
		if (want == "") != (err == nil) || err != nil && !strings.Contains(err.Error(), want) {
			t.Errorf("%q: %v, want %q", pw, err, want)
		}
	}
}

// TestUsersPersist: users are part of the catalog a data directory keeps.
func TestUsersPersist(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	db, err := Open(ctx, dir, Config{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.EnsureSuperuser(ctx, "admin", "Admin1234"); err != nil {
		t.Fatal(err)
	}
	userExec(t, db, "CREATE USER bob PASSWORD 'Bobpass123' CONNECTION LIMIT 3")
	db.Close()
	db, err = Open(ctx, dir, Config{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	a, ok1 := db.LookupUser("admin")
	b, ok2 := db.LookupUser("bob")
	if !ok1 || !ok2 || !a.Superuser || !a.CheckPassword("Admin1234") || b.ConnLimit != 3 || !b.CheckPassword("Bobpass123") {
		t.Fatalf("after reopen: %+v %v, %+v %v", a, ok1, b, ok2)
	}
}
