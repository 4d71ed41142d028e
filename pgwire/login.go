package pgwire

import (
	"context"

	"github.com/jackc/pgx/v5/pgproto3"
)

// login authenticates the client with the configured method (authenticate,
// auth.go) against the database's users, and sends AuthenticationOk.
func (s *Server) login(ctx context.Context, be *pgproto3.Backend, user string) error {
	if err := authenticate(ctx, be, s.cfg.AuthMethod, user, s.db.LookupUser); err != nil {
		return err
	}
	if err := be.Flush(); err != nil {
		return errClientGone
	}
	return nil
}
