// Package sqlerr defines the error type every layer returns: a message carrying a
// PostgreSQL SQLSTATE code, so pgwire, the shell and embedders can report it faithfully.
package sqlerr

import (
	"context"
	"errors"
	"fmt"
)

// Error is a user-facing failure with a SQLSTATE code.
type Error struct {
	Code     Code
	Message  string
	Detail   string
	Hint     string
	Position int // 1-based character offset in the statement, 0 if unknown
	cause    error
}

func (e *Error) Error() string { return e.Message }

// Unwrap returns the error this one wraps, if any.
func (e *Error) Unwrap() error { return e.cause }

// Newf builds an error with the given code.
func Newf(code Code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// Wrapf builds an error with the given code that wraps err. The message is
// "<formatted>: <err>".
func Wrapf(err error, code Code, format string, args ...any) *Error {
	msg := fmt.Sprintf(format, args...)
	if err != nil {
		msg += ": " + err.Error()
	}
	return &Error{Code: code, Message: msg, cause: err}
}

// WithPosition returns a copy of e that points at a 1-based character offset.
func (e *Error) WithPosition(pos int) *Error {
	c := *e
	c.Position = pos
	return &c
}

// WithDetail returns a copy of e with a DETAIL line.
func (e *Error) WithDetail(format string, args ...any) *Error {
	c := *e
	c.Detail = fmt.Sprintf(format, args...)
	return &c
}

// WithHint returns a copy of e with a HINT line.
func (e *Error) WithHint(format string, args ...any) *Error {
	c := *e
	c.Hint = fmt.Sprintf(format, args...)
	return &c
}

// CodeOf reports the SQLSTATE of err: the code of the first *Error in its chain;
// 57014 for context cancellation and deadlines; XX000 for anything else.
func CodeOf(err error) Code {
	if err == nil {
		return ""
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return QueryCanceled
	}
	return InternalError
}

// From converts any error into an *Error (XX000 unless it already carries a code,
// 57014 for cancellation).
func From(err error) *Error {
	if err == nil {
		return nil
	}
	var e *Error
	if errors.As(err, &e) {
		return e
	}
	code := CodeOf(err)
	msg := err.Error()
	if code == QueryCanceled {
		msg = "canceling statement due to user request"
		if errors.Is(err, context.DeadlineExceeded) {
			msg = "canceling statement due to statement timeout"
		}
	}
	return &Error{Code: code, Message: msg, cause: err}
}

// Canceled is the error operators return when their context ends.
func Canceled(ctx context.Context) *Error {
	return From(ctx.Err())
}
