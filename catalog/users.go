package catalog

import "sort"

// User is a database user (Redshift users are PostgreSQL roles that can log in).
type User struct {
	Name      string
	ID        int64
	Superuser bool
	CreateDB  bool
	// SCRAM is the SCRAM-SHA-256 verifier in PostgreSQL's stored form
	// "SCRAM-SHA-256$<iterations>:<salt b64>$<StoredKey b64>:<ServerKey b64>";
	// MD5 is "md5" + md5(password + name) in hex. Both empty: no password
	// (only trust authentication lets such a user in).
	SCRAM string
	MD5   string
	// SHA256 is Redshift's "sha256|<digest hex>|<salt hex>" form, set when
	// CREATE/ALTER USER gave a pre-hashed SHA-256 password: digest is
	// sha256(password || salt bytes). Only cleartext authentication can
	// check it (SCRAM and MD5 need their own verifiers).
	SHA256     string
	ValidUntil string // "" for no limit
	ConnLimit  int    // -1 unlimited
}

// User returns a user by name.
func (c *Catalog) User(name string) (*User, bool) {
	u, ok := c.users[name]
	return u, ok
}

// Users returns all users sorted by name.
func (c *Catalog) Users() []*User {
	out := make([]*User, 0, len(c.users))
	for _, u := range c.users {
		out = append(out, u)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// PutUser adds or replaces a user (on a Clone).
func (c *Catalog) PutUser(u *User) { c.users[u.Name] = u }

// DropUser removes a user (on a Clone).
func (c *Catalog) DropUser(name string) { delete(c.users, name) }
