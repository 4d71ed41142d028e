package catalog

import (
	"time"

	"github.com/warehoused/warehoused/types"
)

// TableStats is what ANALYZE learned about a table; the planner's estimates
// use it. Immutable like the Table holding it.
type TableStats struct {
	Rows       int64
	AnalyzedAt time.Time
	Columns    []ColumnStats // by column ordinal; may be shorter when columns were added since
	// ChangedRows counts rows inserted, deleted or updated since ANALYZE; with
	// Rows it gives stats_off (Redshift's staleness percentage).
	ChangedRows int64
}

// ColumnStats describes one column's values.
type ColumnStats struct {
	Analyzed bool
	NullFrac float64 // fraction of rows that are NULL
	Distinct float64 // estimated distinct non-NULL values (HyperLogLog)
	Min, Max types.Datum
	// MCV holds the most common values (of the column's type) with their
	// frequencies (fractions of all rows), most common first.
	MCV      []types.Datum
	MCVFreq  []float64
	AvgWidth int // average bytes per value
}

// StatsOff is Redshift's stats_off: 0 for fresh statistics, up to 100 for
// missing or entirely stale ones.
func (s *TableStats) StatsOff() float64 {
	if s == nil {
		return 100
	}
	if s.Rows <= 0 {
		if s.ChangedRows > 0 {
			return 100
		}
		return 0
	}
	off := 100 * float64(s.ChangedRows) / float64(s.Rows)
	return min(off, 100)
}
