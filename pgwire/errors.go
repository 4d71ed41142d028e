package pgwire

import (
	"strings"
	"unicode/utf8"

	"github.com/jackc/pgx/v5/pgproto3"
	"github.com/warehoused/warehoused/sqlerr"
)

// Severities of ErrorResponse: ERROR ends the statement, FATAL the session.
const (
	sevError = "ERROR"
	sevFatal = "FATAL"
)

// errorResponse turns any error into PostgreSQL's ErrorResponse. shift is
// added to a statement-relative position so it counts characters from the
// start of the whole query string, as clients expect.
func errorResponse(err error, severity string, shift int) *pgproto3.ErrorResponse {
	e := sqlerr.From(err)
	r := &pgproto3.ErrorResponse{
		Severity:            severity,
		SeverityUnlocalized: severity,
		Code:                string(e.Code),
		Message:             e.Message,
		Detail:              e.Detail,
		Hint:                e.Hint,
	}
	if r.Code == "" {
		r.Code = string(sqlerr.InternalError)
	}
	if e.Position > 0 {
		r.Position = int32(e.Position + shift)
	}
	return r
}

// charOffset returns how many characters precede stmt in text when stmt is
// a substring of text at or after byte from; it also returns the byte offset
// just past stmt, where the next statement's search starts.
func charOffset(text, stmt string, from int) (chars, next int) {
	if from > len(text) {
		return 0, from
	}
	i := strings.Index(text[from:], stmt)
	if i < 0 {
		return 0, from
	}
	i += from
	return utf8.RuneCountInString(text[:i]), i + len(stmt)
}

// protocolError is a client message that breaks the protocol: the
// connection ends with FATAL 08P01.
func protocolError(format string, args ...any) *sqlerr.Error {
	return sqlerr.Newf(sqlerr.ProtocolViolation, format, args...)
}
