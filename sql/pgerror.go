package sql

import (
	"errors"
	"strings"

	"github.com/pganalyze/pg_query_go/v6/parser"
	"github.com/warehoused/warehoused/sqlerr"
)

// grammarCodes lists the errors PostgreSQL's grammar and scanner raise with a
// SQLSTATE other than 42601 (pg_query reports the message but not the code),
// by message prefix. Taken from gram.y/scan.l's ereport calls.
var grammarCodes = []struct {
	prefix string
	code   sqlerr.Code
}{
	{"frame start cannot be", sqlerr.WindowingError},
	{"frame end cannot be", sqlerr.WindowingError},
	{"frame starting from", sqlerr.WindowingError},
	{"UNENCRYPTED PASSWORD is no longer supported", sqlerr.FeatureNotSupported},
	{"CREATE SCHEMA IF NOT EXISTS cannot include", sqlerr.FeatureNotSupported},
	{"current database cannot be changed", sqlerr.FeatureNotSupported},
	{"MATCH PARTIAL not yet implemented", sqlerr.FeatureNotSupported},
	{"a column list with ", sqlerr.FeatureNotSupported},
	{"CREATE EXTENSION ... FROM is no longer supported", sqlerr.FeatureNotSupported},
	{"CREATE OR REPLACE CONSTRAINT TRIGGER is not supported", sqlerr.FeatureNotSupported},
	{"CREATE ASSERTION is not yet implemented", sqlerr.FeatureNotSupported},
	{"dropping an enum value is not implemented", sqlerr.FeatureNotSupported},
	{"RECHECK is no longer required", sqlerr.FeatureNotSupported},
	{"aggregates cannot have output arguments", sqlerr.FeatureNotSupported},
	{"WITH CHECK OPTION not supported on recursive views", sqlerr.FeatureNotSupported},
	{"only string constants are supported in JSON_TABLE", sqlerr.FeatureNotSupported},
	{"UNIQUE predicate is not yet implemented", sqlerr.FeatureNotSupported},
	{"an ordered-set aggregate with a VARIADIC direct argument", sqlerr.FeatureNotSupported},
	{"unsafe use of string constant with Unicode escapes", sqlerr.FeatureNotSupported},
	{"column number must be in range", sqlerr.InvalidParameterValue},
	{"precision for type float must be", sqlerr.InvalidParameterValue},
	{"unrecognized JSON encoding", sqlerr.InvalidParameterValue},
	{"unrecognized partitioning strategy", sqlerr.InvalidParameterValue},
	{"modulus for hash partition provided more than once", sqlerr.DuplicateObject},
	{"remainder for hash partition provided more than once", sqlerr.DuplicateObject},
	{"role name \"", sqlerr.Code("42939")}, // reserved_name
	{"invalid Unicode escape", sqlerr.InvalidEscapeSequence},
	{"nonstandard use of ", sqlerr.Code("22P06")},
	{"unsafe use of \\' in a string literal", sqlerr.Code("22P06")},
}

// grammarCode is the SQLSTATE PostgreSQL reports for a grammar error message.
func grammarCode(msg string) sqlerr.Code {
	for _, g := range grammarCodes {
		if strings.HasPrefix(msg, g.prefix) {
			return g.code
		}
	}
	if strings.HasSuffix(msg, "cannot be used as a role name here") {
		return sqlerr.Code("42939")
	}
	if strings.HasSuffix(msg, "constraints cannot be marked DEFERRABLE") ||
		strings.HasSuffix(msg, "constraints cannot be marked NOT VALID") ||
		strings.HasSuffix(msg, "constraints cannot be marked NO INHERIT") {
		return sqlerr.FeatureNotSupported
	}
	return sqlerr.SyntaxError
}

// pgError converts a pg_query error into a *sqlerr.Error.
func pgError(err error) error {
	var pe *parser.Error
	if !errors.As(err, &pe) {
		return sqlerr.Wrapf(err, sqlerr.SyntaxError, "syntax error")
	}
	e := sqlerr.Newf(grammarCode(pe.Message), "%s", pe.Message)
	if pe.Cursorpos > 0 {
		e = e.WithPosition(pe.Cursorpos)
	}
	return e
}
