package sql

import (
	"testing"

	"github.com/warehoused/warehoused/sqlerr"
)

// TestGrammarErrorCodes checks the SQLSTATEs of errors PostgreSQL's grammar
// raises with a code other than 42601 (checked against PostgreSQL 15).
func TestGrammarErrorCodes(t *testing.T) {
	for _, tc := range []struct {
		sql  string
		code sqlerr.Code
	}{
		{`select count(*) over (order by a rows unbounded following) from t`, sqlerr.WindowingError},
		{`select count(*) over (order by a rows between 1 following and current row) from t`, sqlerr.WindowingError},
		{`select count(*) over (order by a rows between current row and unbounded preceding) from t`, sqlerr.WindowingError},
		{`select count(*) over (order by a rows between current row and 1 preceding) from t`, sqlerr.WindowingError},
		{`select count(*) over (order by a rows between 2 following and 1 preceding) from t`, sqlerr.WindowingError},
		{`select 1 limit 1, 2`, sqlerr.SyntaxError},
		{`select percentile_cont(distinct 0.5) within group (order by a) from t`, sqlerr.SyntaxError},
		{`select float(0) '1'`, sqlerr.InvalidParameterValue},
		{`create assertion a check (true)`, sqlerr.FeatureNotSupported},
		{`select from where`, sqlerr.SyntaxError},
	} {
		_, err := Parse(tc.sql)
		if got := sqlerr.CodeOf(err); got != tc.code {
			t.Errorf("Parse(%q): code %s (%v), want %s", tc.sql, got, err, tc.code)
		}
	}
}
