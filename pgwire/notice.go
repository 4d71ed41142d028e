package pgwire

import "github.com/jackc/pgx/v5/pgproto3"

// sendNotices sends the notices the engine raised for the statement being
// run as NoticeResponse messages; callers send them before the statement's
// CommandComplete or ErrorResponse, as PostgreSQL orders them.
func (se *session) sendNotices() {
	for _, n := range se.conn.TakeNotices() {
		se.w.send(&pgproto3.NoticeResponse{
			Severity:            n.Severity,
			SeverityUnlocalized: n.Severity,
			Code:                string(n.Code),
			Message:             n.Message,
			Detail:              n.Detail,
		})
	}
}
