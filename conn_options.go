package warehoused

import (
	"context"
	"strings"
	"time"

	"github.com/warehoused/warehoused/sqlerr"
)

// ConnOptions describe who opens a session and with which start-up settings,
// as a PostgreSQL-protocol client sends them in its StartupMessage.
type ConnOptions struct {
	// User is the session user (current_user, session_authorization); the
	// database's Config.User when empty.
	User string
	// Database is what current_database() returns; Config.Database when empty.
	Database string
	// ApplicationName is the initial application_name.
	ApplicationName string
	// Params are further start-up parameters (TimeZone, DateStyle,
	// search_path, extra_float_digits, options="-c name=value" ...). They
	// become the session's defaults, so RESET returns to them. Unknown names
	// are ignored, as clients send driver-specific keys; an invalid value for
	// a known parameter fails the connection.
	Params map[string]string
}

// ConnectWith opens a session for a user with start-up settings.
func (db *DB) ConnectWith(ctx context.Context, o ConnOptions) (*Conn, error) {
	c, err := db.Connect(ctx)
	if err != nil {
		return nil, err
	}
	c.user, c.database = o.User, o.Database
	c.startup = startupSettings(o)
	if err := c.applyStartup(); err != nil {
		c.Close()
		return nil, err
	}
	return c, nil
}

// startupSettings flattens the options into name/value settings in the
// order they apply (options="-c ..." last, as PostgreSQL does).
func startupSettings(o ConnOptions) [][2]string {
	var out [][2]string
	var opts string
	for k, v := range o.Params {
		switch lk := strings.ToLower(k); {
		case lk == "user" || lk == "database" || lk == "replication" || lk == "application_name":
		case lk == "options":
			opts = v
		case lk == "client_encoding":
			// Results are always UTF-8; an other client encoding cannot be
			// honoured, so the setting stays UTF8 (and is reported so).
		case strings.HasPrefix(lk, "_pq_."):
		default:
			out = append(out, [2]string{lk, v})
		}
	}
	if o.ApplicationName != "" {
		out = append(out, [2]string{"application_name", o.ApplicationName})
	} else if v, ok := o.Params["application_name"]; ok {
		out = append(out, [2]string{"application_name", v})
	}
	return append(out, parseOptions(opts)...)
}

// parseOptions reads the "options" start-up parameter: "-c name=value" and
// "--name=value" words, with backslash escaping spaces.
func parseOptions(s string) [][2]string {
	var words []string
	var cur strings.Builder
	esc, inWord := false, false
	for _, r := range s {
		switch {
		case esc:
			cur.WriteRune(r)
			esc = false
		case r == '\\':
			esc, inWord = true, true
		case r == ' ' || r == '\t':
			if inWord {
				words = append(words, cur.String())
				cur.Reset()
				inWord = false
			}
		default:
			cur.WriteRune(r)
			inWord = true
		}
	}
	if inWord {
		words = append(words, cur.String())
	}
	var out [][2]string
	for i := 0; i < len(words); i++ {
		w := words[i]
		switch {
		case w == "-c" && i+1 < len(words):
			i++
			w = words[i]
		case strings.HasPrefix(w, "-c"):
			w = w[2:]
		case strings.HasPrefix(w, "--"):
			w = w[2:]
		default:
			continue
		}
		if k, v, ok := strings.Cut(w, "="); ok {
			out = append(out, [2]string{strings.ToLower(strings.ReplaceAll(k, "-", "_")), v})
		}
	}
	return out
}

// applyStartup installs the start-up settings as the session's values and
// defaults (also after RESET ALL).
func (c *Conn) applyStartup() error {
	s := c.settings
	if c.user != "" {
		s.vals["session_authorization"] = c.user
		s.defaults["session_authorization"] = c.user
		su := "on"
		if st, err := c.db.current(); err == nil {
			if u, ok := st.cat.User(c.user); ok && !u.Superuser {
				su = "off"
			}
		}
		s.vals["is_superuser"], s.defaults["is_superuser"] = su, su
	}
	for _, kv := range c.startup {
		if err := s.set(kv[0], kv[1]); err != nil {
			if sqlerr.CodeOf(err) == sqlerr.UndefinedObject || sqlerr.CodeOf(err) == sqlerr.Code("55P02") {
				continue
			}
			return err
		}
		if v, ok := s.vals[normName(kv[0])]; ok {
			s.defaults[normName(kv[0])] = v
		}
	}
	return nil
}

// sessionUser is current_user: the connecting user, else Config.User.
func (c *Conn) sessionUser() string {
	if c.user != "" {
		return c.user
	}
	return c.db.cfg.User
}

// databaseName is current_database(): the one connected to, else Config.Database.
func (c *Conn) databaseName() string {
	if c.database != "" {
		return c.database
	}
	return c.db.cfg.Database
}

// Location is the session's TimeZone, for formatting TIMESTAMPTZ values.
func (c *Conn) Location() *time.Location { return c.settings.loc }
