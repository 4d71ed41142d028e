package warehoused

import (
	"fmt"

	"github.com/warehoused/warehoused/sqlerr"
)

// Notice is a message a statement raised besides its result, as
// PostgreSQL's NOTICE and WARNING: DROP ... IF EXISTS on a missing object,
// BEGIN inside a transaction block and the like. Protocol servers send them
// as NoticeResponse before the statement's CommandComplete.
type Notice struct {
	Severity string // "NOTICE" or "WARNING"
	Code     sqlerr.Code
	Message  string
	Detail   string
}

// Notice severities as PostgreSQL spells them.
const (
	SeverityNotice  = "NOTICE"
	SeverityWarning = "WARNING"
)

// maxPendingNotices bounds the notices kept for a session nobody reads them
// from (an embedder that never calls TakeNotices): the oldest are dropped.
const maxPendingNotices = 64

// TakeNotices returns the notices raised since the last call and forgets them.
func (c *Conn) TakeNotices() []Notice {
	n := c.notices
	c.notices = nil
	return n
}

// notice records a notice for the statement being run.
func (c *Conn) notice(severity string, code sqlerr.Code, format string, args ...any) {
	if len(c.notices) >= maxPendingNotices {
		c.notices = append(c.notices[:0], c.notices[1:]...)
	}
	c.notices = append(c.notices, Notice{Severity: severity, Code: code, Message: fmt.Sprintf(format, args...)})
}
