package pgwire

import "github.com/warehoused/warehoused/sqlerr"

// admitUser counts a session against its user's CONNECTION LIMIT
// (catalog.User.ConnLimit), as PostgreSQL does after authentication:
// superusers and unknown users (trust authentication) are not limited.
// On success the caller must call releaseUser(user) when the session ends.
func (s *Server) admitUser(user string) error {
	limit := -1
	if u, ok := s.db.LookupUser(user); ok && !u.Superuser {
		limit = u.ConnLimit
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if limit >= 0 && s.userConns[user] >= limit {
		return sqlerr.Newf(sqlerr.TooManyConnections, "too many connections for role \"%s\"", user)
	}
	if s.userConns == nil {
		s.userConns = map[string]int{}
	}
	s.userConns[user]++
	return nil
}

func (s *Server) releaseUser(user string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.userConns[user]--; s.userConns[user] <= 0 {
		delete(s.userConns, user)
	}
}
