package exec

import (
	"context"
	"sync/atomic"
	"time"

	"github.com/warehoused/warehoused/types"
	"github.com/warehoused/warehoused/vector"
)

// MemoryReporter is implemented by operators that hold data (hash tables,
// sort buffers, aggregation states) to report the bytes they hold now.
// EXPLAIN ANALYZE polls it through Instrumented and keeps the peak.
type MemoryReporter interface {
	MemoryBytes() int64
}

// OpStats are the counters of one instrumented operator. All fields are
// updated atomically: pipelines of one statement run on different goroutines
// and a statement's stats are read while other wrappers may still be closing.
type OpStats struct {
	Rows       atomic.Int64 // rows returned by Next
	Batches    atomic.Int64 // non-nil batches returned by Next
	OpenNanos  atomic.Int64 // time inside Open, children included
	NextNanos  atomic.Int64 // time inside Next, children included
	PeakMemory atomic.Int64 // peak MemoryBytes seen; 0 when not reported
	MemKnown   atomic.Bool  // whether the operator implements MemoryReporter
	// SliceMemory holds the per-input peaks of a SliceMemoryReporter (nil
	// for other operators), sampled at the end of the stream and at Close.
	SliceMemory atomic.Pointer[[]int64]
}

// Time returns the total time spent inside Open and Next.
func (s *OpStats) Time() time.Duration {
	return time.Duration(s.OpenNanos.Load() + s.NextNanos.Load())
}

// Instrumented wraps an operator and records its OpStats. It adds two clock
// reads per batch, nothing per row.
type Instrumented struct {
	op    Operator
	stats *OpStats
	mem   MemoryReporter // op's reporter, nil when it has none
	slice SliceMemoryReporter
}

var _ Operator = (*Instrumented)(nil)

// NewInstrumented returns op wrapped so that its rows, batches, time and
// (when op implements MemoryReporter) peak memory are added to stats.
func NewInstrumented(op Operator, stats *OpStats) Operator {
	in := &Instrumented{op: op, stats: stats}
	if m, ok := op.(MemoryReporter); ok {
		in.mem = m
		stats.MemKnown.Store(true)
	}
	if m, ok := op.(SliceMemoryReporter); ok {
		in.slice = m
	}
	return in
}

// Unwrap returns the wrapped operator.
func (in *Instrumented) Unwrap() Operator { return in.op }

// Types implements Operator.
func (in *Instrumented) Types() []types.T { return in.op.Types() }

// Open implements Operator.
func (in *Instrumented) Open(ctx context.Context) error {
	t := time.Now()
	err := in.op.Open(ctx)
	in.stats.OpenNanos.Add(int64(time.Since(t)))
	in.sampleMemory()
	return err
}

// Next implements Operator.
func (in *Instrumented) Next(ctx context.Context) (*vector.Batch, error) {
	t := time.Now()
	b, err := in.op.Next(ctx)
	in.stats.NextNanos.Add(int64(time.Since(t)))
	if b != nil {
		in.stats.Rows.Add(int64(b.N))
		in.stats.Batches.Add(1)
	}
	if in.mem != nil {
		in.sampleMemory()
	}
	if b == nil && in.slice != nil {
		in.sampleSlices()
	}
	return b, err
}

// Close implements Operator.
func (in *Instrumented) Close() error {
	in.sampleMemory()
	if in.slice != nil {
		in.sampleSlices()
	}
	return in.op.Close()
}

// sampleSlices merges the operator's per-input peaks into the stats,
// element by element (wrappers of repeated builds share stats).
func (in *Instrumented) sampleSlices() {
	m := in.slice.SliceMemoryBytes()
	if len(m) == 0 {
		return
	}
	for {
		old := in.stats.SliceMemory.Load()
		merged := append([]int64(nil), m...)
		if old != nil {
			for i, v := range *old {
				if i < len(merged) {
					merged[i] = max(merged[i], v)
				} else {
					merged = append(merged, v)
				}
			}
		}
		if in.stats.SliceMemory.CompareAndSwap(old, &merged) {
			return
		}
	}
}

// sampleMemory raises the recorded peak to the operator's current holding.
func (in *Instrumented) sampleMemory() {
	if in.mem == nil {
		return
	}
	m := in.mem.MemoryBytes()
	for {
		old := in.stats.PeakMemory.Load()
		if m <= old || in.stats.PeakMemory.CompareAndSwap(old, m) {
			return
		}
	}
}
