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
	// ChangeMark is the table's count of changed rows (inserted, deleted or
	// updated over its life) when ANALYZE ran; the rows changed since then,
	// against Rows, give stats_off (Redshift's staleness percentage).
	ChangeMark int64
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

// StatsOff is Redshift's stats_off given the table's current change count: 0
// for fresh statistics, up to 100 for missing or entirely stale ones.
func (s *TableStats) StatsOff(changeCount int64) float64 {
	if s == nil {
		return 100
	}
	changed := max(changeCount-s.ChangeMark, 0)
	if s.Rows <= 0 {
		if changed > 0 {
			return 100
		}
		return 0
	}
	off := 100 * float64(changed) / float64(s.Rows)
	return min(off, 100)
}
