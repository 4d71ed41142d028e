package physical

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/warehoused/warehoused/exec"
	"github.com/warehoused/warehoused/planner/cost"
	"github.com/warehoused/warehoused/planner/plan"
	"github.com/warehoused/warehoused/storage"
)

// Analysis holds the runtime counters of an instrumented build: one
// exec.OpStats per plan node and pipeline (slice). Operators built more than
// once for the same node and pipeline (recursive CTE steps) share counters.
type Analysis struct {
	mu    sync.Mutex // builds of recursive steps happen while other pipelines run
	nodes map[plan.Node][]*exec.OpStats
	held  map[plan.Node][]*exec.OpStats // stateful operators inside a node's stream
	hash  map[plan.Node][]*exec.OpStats // hash join build inputs, by join
	scans map[plan.Node]*storage.ScanStats
}

// BuildAnalyze is Build with every plan node's operators wrapped in
// exec.Instrumented, for EXPLAIN ANALYZE. Drain the operator, then render
// with ExplainAnalyze.
func BuildAnalyze(ctx context.Context, n plan.Node, env *Env) (exec.Operator, *Analysis, error) {
	b := newBuilder(ctx, env)
	b.inst = newAnalysis()
	s, err := b.build(n)
	if err != nil {
		closeAll(s.ops)
		return nil, nil, err
	}
	return b.gather(s), b.inst, nil
}

func newAnalysis() *Analysis {
	return &Analysis{nodes: map[plan.Node][]*exec.OpStats{}, held: map[plan.Node][]*exec.OpStats{},
		hash: map[plan.Node][]*exec.OpStats{}, scans: map[plan.Node]*storage.ScanStats{}}
}

// hashBuild wraps the build input of join j's hash table (after any semi-join
// reduction), so the "XN Hash" line shows the rows the table was built from.
func (b *builder) hashBuild(j plan.Node, op exec.Operator) exec.Operator {
	if b.inst == nil {
		return op
	}
	st := &exec.OpStats{}
	b.inst.mu.Lock()
	b.inst.hash[j] = append(b.inst.hash[j], st)
	b.inst.mu.Unlock()
	return exec.NewInstrumented(op, st)
}

// scanStats returns the zone-map counters of scan s under EXPLAIN ANALYZE
// (shared by its slices and by repeated builds), nil otherwise.
func (b *builder) scanStats(s *plan.Scan) *storage.ScanStats {
	if b.inst == nil {
		return nil
	}
	b.inst.mu.Lock()
	defer b.inst.mu.Unlock()
	st := b.inst.scans[s]
	if st == nil {
		st = &storage.ScanStats{}
		b.inst.scans[s] = st
	}
	return st
}

// blocksLine is the "Blocks: read N, skipped M" detail of scan s, or ""
// when storage counted no blocks (in-memory tables have none).
func (a *Analysis) blocksLine(s *plan.Scan) string {
	if a == nil {
		return ""
	}
	a.mu.Lock()
	st := a.scans[s]
	a.mu.Unlock()
	if st == nil {
		return ""
	}
	read, skipped := st.BlocksRead.Load(), st.BlocksSkipped.Load()
	if read+skipped == 0 {
		return ""
	}
	return fmt.Sprintf("Blocks: read %d, skipped %d", read, skipped)
}

// statsOf snapshots the counters m holds for n (nil if none).
func (a *Analysis) statsOf(m map[plan.Node][]*exec.OpStats, n plan.Node) []sliceStat {
	a.mu.Lock()
	ss := m[n]
	a.mu.Unlock()
	if len(ss) == 0 {
		return nil
	}
	out := make([]sliceStat, len(ss))
	for i, s := range ss {
		out[i] = sliceStat{rows: s.Rows.Load(), time: s.Time(), mem: s.PeakMemory.Load(), memKnown: s.MemKnown.Load(),
			sliceMem: sliceMemOf(s)}
	}
	return out
}

// instrument wraps each pipeline of s, n's built stream, so its counters land
// in the stats of (n, pipeline).
func (a *Analysis) instrument(n plan.Node, s stream) stream {
	ops := make([]exec.Operator, len(s.ops))
	for i, op := range s.ops {
		ops[i] = exec.NewInstrumented(op, a.stats(n, i))
	}
	return stream{ops: ops, schema: s.schema}
}

// held marks op as an operator of n that holds data (hash table, sort
// buffer, aggregation states). Under EXPLAIN ANALYZE, when op reports its
// memory (exec.MemoryReporter), it is wrapped so that n's line shows the peak:
// the outer wrapper of n's stream may be a projection that cannot see it.
// Operators that share one structure (the probes of a hash join share its
// table) should report it from one of them only, or n's memory is counted twice.
func (b *builder) held(n plan.Node, op exec.Operator) exec.Operator {
	if b.inst == nil {
		return op
	}
	if _, ok := op.(exec.MemoryReporter); !ok {
		return op
	}
	st := &exec.OpStats{}
	b.inst.mu.Lock()
	b.inst.held[n] = append(b.inst.held[n], st)
	b.inst.mu.Unlock()
	return exec.NewInstrumented(op, st)
}

// stats returns the counters of pipeline i of n, creating them on first use.
func (a *Analysis) stats(n plan.Node, i int) *exec.OpStats {
	a.mu.Lock()
	defer a.mu.Unlock()
	ss := a.nodes[n]
	for len(ss) <= i {
		ss = append(ss, &exec.OpStats{})
	}
	a.nodes[n] = ss
	return ss[i]
}

// slices returns a snapshot of n's per-pipeline counters (nil if none).
func (a *Analysis) slices(n plan.Node) []sliceStat {
	if a == nil {
		return nil
	}
	out := a.statsOf(a.nodes, n)
	a.mu.Lock()
	held := a.held[n]
	a.mu.Unlock()
	if out == nil || len(held) == 0 {
		return out
	}
	// Memory of the stateful operators inside n's stream: per slice when
	// they line up with n's pipelines, else all on the first slice.
	for i := range out {
		out[i].mem, out[i].memKnown = 0, false
	}
	for i, h := range held {
		j := i
		if len(held) != len(out) {
			j = 0
		}
		out[j].mem += h.PeakMemory.Load()
		out[j].memKnown = true
		out[j].sliceMem = addSliceMem(out[j].sliceMem, sliceMemOf(h))
	}
	return out
}

// sliceStat is one pipeline's counters, read after the query drained.
type sliceStat struct {
	rows     int64
	time     time.Duration
	mem      int64
	memKnown bool
	sliceMem []int64 // per-slice peaks of an operator fed by every slice (analyze_memory.go)
}

// ExplainAnalyze renders n like Explain, each operator annotated with the
// actual rows, time and (where the operator reports it) peak memory that the
// drained operator tree from BuildAnalyze recorded, per slice where the
// operator ran in more than one pipeline. total is the statement's run time.
//
// time is the longest slice's time inside Open and Next, children included
// (slices run in parallel); self subtracts the nearest annotated children when
// they ran in the same number of slices, so it is approximate where a parent
// waits on children that run concurrently.
func ExplainAnalyze(n plan.Node, env *Env, a *Analysis, total time.Duration) string {
	x := &explainer{est: cost.New(), names: map[plan.ColumnID]string{}, an: a}
	x.collectNames(n)
	root := x.node(n, true)
	var sb strings.Builder
	write(&sb, root, 0)
	var rows int64
	for _, s := range root.actual {
		rows += s.rows
	}
	fmt.Fprintf(&sb, "Total rows: %d\n", rows)
	fmt.Fprintf(&sb, "Execution time: %s\n", ms(total))
	return sb.String()
}

// annotate attaches n's counters to r; the outermost node folded into one
// line (a Filter over its Scan) wins, as it produced the line's rows.
func (x *explainer) annotate(r *xnode, n plan.Node) *xnode {
	if ss := x.an.slices(n); ss != nil {
		r.actual = carryMemory(ss, r.actual)
	} else if l := x.an.heldOnlyLine(n); l != "" {
		r.details = append(r.details, l)
	}
	return r
}

// actualText is the "(actual ...)" suffix of r's line and its slices line.
func actualText(r *xnode) (string, string) {
	if r.actual == nil {
		return "", ""
	}
	var rows, mem int64
	var longest time.Duration
	known := false
	for _, s := range r.actual {
		rows += s.rows
		mem += s.mem
		longest = max(longest, s.time)
		known = known || s.memKnown
	}
	var sb strings.Builder
	fmt.Fprintf(&sb, " (actual rows=%d time=%s", rows, ms(longest))
	if self, ok := selfTime(r); ok {
		fmt.Fprintf(&sb, " self=%s", ms(self))
	}
	if known {
		fmt.Fprintf(&sb, " peak memory=%s", kb(mem))
	}
	sb.WriteString(")")
	if len(r.actual) < 2 {
		return sb.String(), sliceMemLine(r.actual)
	}
	var sl strings.Builder
	sl.WriteString("slices:")
	for i, s := range r.actual {
		fmt.Fprintf(&sl, " [%d] rows=%d time=%s", i, s.rows, ms(s.time))
		if s.memKnown {
			fmt.Fprintf(&sl, " mem=%s", kb(s.mem))
		}
	}
	return sb.String(), sl.String()
}

// selfTime is r's longest slice time less its annotated children's, slice by
// slice (a hash build's time from every slice, as all wait for it); ok is
// false when the slices do not line up.
func selfTime(r *xnode) (time.Duration, bool) {
	self := make([]time.Duration, len(r.actual))
	for i, s := range r.actual {
		self[i] = s.time
	}
	for _, c := range annotatedChildren(r) {
		if c.shared && len(c.actual) == 1 {
			// Every probe slice waits for the one build.
			for i := range self {
				self[i] -= c.actual[0].time
			}
			continue
		}
		if len(c.actual) != len(r.actual) {
			return 0, false
		}
		for i, s := range c.actual {
			self[i] -= s.time
		}
	}
	var m time.Duration
	for _, d := range self {
		m = max(m, d)
	}
	return m, true
}

// annotatedChildren returns the nearest descendants of r with counters (the
// child of an "XN Hash" line when that has none of its own).
func annotatedChildren(r *xnode) []*xnode {
	var out []*xnode
	for _, c := range r.children {
		if c.actual != nil {
			out = append(out, c)
		} else {
			out = append(out, annotatedChildren(c)...)
		}
	}
	return out
}

func ms(d time.Duration) string {
	return fmt.Sprintf("%.3f ms", float64(d)/float64(time.Millisecond))
}

func kb(b int64) string {
	return fmt.Sprintf("%d kB", (b+1023)/1024)
}
