package exec

import "github.com/warehoused/warehoused/vector"

// Session-management functions that connection pools call when they hand a
// connection back (pgbouncer's server_reset_query, psqlODBC, SQLAlchemy's
// reset-on-return): the engine has no advisory locks, so there is never
// anything to release.

func init() {
	// PostgreSQL returns void, whose text form is the empty string; the
	// type system has no void, so it is text "" (same bytes on the wire).
	registerFunc("pg_advisory_unlock_all", fsig(textT, lenientFn(func(_ *EvalContext, _ []*vector.Vector, out *vector.Vector, n int) error {
		for i := 0; i < n; i++ {
			out.Strs[i] = ""
		}
		return nil
	})))
}
