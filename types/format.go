package types

// STUBS owned by the expressions/functions helper.

import "fmt"

// Format renders d (a datum of type t, nil for NULL) in PostgreSQL's text
// output format: what psql shows and COPY TO writes. NULL renders as "".
func Format(t T, d Datum) string {
	if d == nil {
		return ""
	}
	return fmt.Sprint(d)
}

// Parse reads s in PostgreSQL's text input format for type t (what COPY FROM
// and casts from text accept); errors carry 22P02, 22007, 22008 or 22003.
func Parse(t T, s string) (Datum, error) { return nil, fmt.Errorf("types.Parse not implemented") }
