package warehoused

import (
	"context"
	"runtime"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/warehoused/warehoused/catalog"
	"github.com/warehoused/warehoused/exec"
	"github.com/warehoused/warehoused/planner/cost"
	"github.com/warehoused/warehoused/sql/ast"
	"github.com/warehoused/warehoused/sqlerr"
	"github.com/warehoused/warehoused/storage"
	"github.com/warehoused/warehoused/types"
	"github.com/warehoused/warehoused/vector"
)

// ANALYZE [table [(columns)]]: scan the table's stored rows and record what
// the planner's estimates use (catalog.TableStats). NULL fraction, distinct
// count (HyperLogLog), min/max and average width come from every row; the
// most common values are counted exactly on a bounded sample of rows, as
// Redshift samples.

const (
	// analyzeSampleRows bounds the rows whose values are counted for MCVs
	// (PostgreSQL's default sample, 300 x statistics target 100).
	analyzeSampleRows = 30_000
	// analyzeMCVs is how many most common values a column keeps.
	analyzeMCVs = 10
)

// analyze runs ANALYZE (without COMPRESSION).
func (c *Conn) analyze(ctx context.Context, s *ast.AnalyzeStmt) (*Rows, error) {
	if s.Table == nil && len(s.Columns) > 0 {
		return nil, sqlerr.Newf(sqlerr.SyntaxError, "ANALYZE with a column list needs a table")
	}
	tables, err := c.maintenanceTargets(s.Table)
	if err != nil {
		return nil, err
	}
	for _, t := range tables {
		if err := c.analyzeTable(ctx, t, s.Columns); err != nil {
			return nil, err
		}
	}
	return emptyRows("ANALYZE"), nil
}

// analyzeTable computes the statistics of t's columns named in cols (all
// when empty) and installs them in a new descriptor of t.
func (c *Conn) analyzeTable(ctx context.Context, t *catalog.Table, cols []string) error {
	d := c.tx.work.data[t.ID]
	if d == nil {
		return nil
	}
	ords := make([]int, 0, len(t.Columns))
	if len(cols) == 0 {
		for i := range t.Columns {
			ords = append(ords, i)
		}
	} else {
		for _, name := range cols {
			i := t.ColumnIndex(name)
			if i < 0 {
				return sqlerr.Newf(sqlerr.UndefinedColumn, "column \"%s\" of relation \"%s\" does not exist", name, t.Name)
			}
			if !slices.Contains(ords, i) {
				ords = append(ords, i)
			}
		}
	}
	rows, colStats, err := scanStats(ctx, d.tab, t, ords)
	if err != nil {
		return err
	}
	cur := c.tx.work.cat.ByID(t.ID)
	if cur == nil {
		return nil
	}
	st := &catalog.TableStats{Rows: rows, AnalyzedAt: time.Now(), ChangeMark: d.changed, Columns: make([]catalog.ColumnStats, len(cur.Columns))}
	if cur.Stats != nil {
		// Columns not analyzed this time keep what an earlier ANALYZE found.
		copy(st.Columns, cur.Stats.Columns)
	}
	for k, i := range ords {
		if i < len(st.Columns) {
			st.Columns[i] = colStats[k]
		}
	}
	cp := *cur
	cp.Stats = st
	cp.RowCount = rows
	return c.tx.catalogForWrite().ReplaceTable(&cp)
}

// colAcc accumulates one column's statistics over the scan.
type colAcc struct {
	typ    types.T
	nulls  int64
	n      int64
	width  int64
	sketch exec.DistinctSketch
	min    types.Datum
	max    types.Datum
	// Sampled values' counts: typed maps for the common kinds (no boxing).
	ints   map[int64]int64
	strs   map[string]int64
	counts map[types.Datum]int64
	sample int64 // sampled rows (NULLs included)
}

// scanStats reads columns ords of tab (of table t), slices in parallel,
// each into its own accumulators, merged at the end.
func scanStats(ctx context.Context, tab storage.Table, t *catalog.Table, ords []int) (int64, []catalog.ColumnStats, error) {
	total := tab.Rows()
	nsl := max(tab.Slices(), 1)
	// Every stride-th row of a slice is sampled (about analyzeSampleRows in
	// all). Maps are sized for the sample up front: growing them costs more
	// than counting into them.
	stride := max(int64(1), (total+analyzeSampleRows-1)/analyzeSampleRows)
	size := int(min(total, analyzeSampleRows)) / nsl
	per := make([][]*colAcc, nsl)
	rows := make([]int64, nsl)
	errs := make([]error, nsl)
	sem := make(chan struct{}, runtime.GOMAXPROCS(0))
	var wg sync.WaitGroup
	for sl := range nsl {
		per[sl] = newAccs(t, ords, size)
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer wg.Done()
			defer func() { <-sem }()
			defer func() {
				if r := recover(); r != nil {
					errs[sl] = sqlerr.Newf(sqlerr.InternalError, "ANALYZE: %v", r)
				}
			}()
			rows[sl], errs[sl] = scanSlice(ctx, tab, sl, ords, per[sl], stride)
		}()
	}
	wg.Wait()
	var n int64
	for sl := range nsl {
		if errs[sl] != nil {
			return 0, nil, errs[sl]
		}
		n += rows[sl]
	}
	out := make([]catalog.ColumnStats, len(ords))
	for k := range ords {
		a := per[0][k]
		for _, p := range per[1:] {
			a.merge(p[k])
		}
		out[k] = a.finish()
	}
	return n, out, nil
}

func newAccs(t *catalog.Table, ords []int, size int) []*colAcc {
	accs := make([]*colAcc, len(ords))
	for k, i := range ords {
		a := &colAcc{typ: t.Columns[i].Type}
		switch a.typ.Physical() {
		case types.PhysInt64:
			a.ints = make(map[int64]int64, size)
		case types.PhysString:
			a.strs = make(map[string]int64, size)
		default:
			a.counts = make(map[types.Datum]int64, size)
		}
		accs[k] = a
	}
	return accs
}

// scanSlice folds slice sl's rows into accs and returns how many it read.
func scanSlice(ctx context.Context, tab storage.Table, sl int, ords []int, accs []*colAcc, stride int64) (int64, error) {
	it, err := tab.Scan(ctx, storage.ScanRequest{Slice: sl, Columns: append([]int(nil), ords...)})
	if err != nil {
		return 0, err
	}
	defer it.Close()
	var rows int64
	for {
		if err := ctx.Err(); err != nil {
			return 0, sqlerr.Canceled(ctx)
		}
		b, err := it.Next(ctx)
		if err != nil {
			return 0, err
		}
		if b == nil {
			return rows, it.Close()
		}
		for k, a := range accs {
			a.add(b.Cols[k], b.N, rows, stride)
		}
		rows += int64(b.N)
	}
}

// merge folds another slice's accumulator of the same column into a.
func (a *colAcc) merge(o *colAcc) {
	a.n += o.n
	a.nulls += o.nulls
	a.width += o.width
	a.sample += o.sample
	a.sketch.Merge(&o.sketch)
	if o.min != nil {
		if c, ok := cost.CompareDatum(o.min, a.min); a.min == nil || (ok && c < 0) {
			a.min = o.min
		}
		if c, ok := cost.CompareDatum(o.max, a.max); a.max == nil || (ok && c > 0) {
			a.max = o.max
		}
	}
	a.ints = mergeCounts(a.ints, o.ints)
	a.strs = mergeCounts(a.strs, o.strs)
	a.counts = mergeCounts(a.counts, o.counts)
}

func mergeCounts[K comparable](a, b map[K]int64) map[K]int64 {
	if a == nil {
		return b
	}
	for v, n := range b {
		a[v] += n
	}
	return a
}

// add folds n rows of v in; first is the slice-wide index of v's row 0,
// which picks the sampled rows (every stride-th).
func (a *colAcc) add(v *vector.Vector, n int, first, stride int64) {
	a.n += int64(n)
	a.sketch.Add(v, n)
	// Maps are made up front for the column's type (newAccs); these cover
	// a stored vector of another kind.
	switch v.Type.Physical() {
	case types.PhysInt64:
		if a.ints == nil {
			a.ints = map[int64]int64{}
		}
		a.addInts(v, n, first, stride)
		return
	case types.PhysString:
		if a.strs == nil {
			a.strs = map[string]int64{}
		}
		a.addStrings(v, n, first, stride)
		return
	}
	if a.counts == nil {
		a.counts = map[types.Datum]int64{}
	}
	for r := range n {
		d := v.Get(r)
		if d == nil {
			a.nulls++
			if (first+int64(r))%stride == 0 {
				a.sample++
			}
			continue
		}
		if a.min == nil {
			a.min, a.max = d, d
		} else {
			if c, ok := cost.CompareDatum(d, a.min); ok && c < 0 {
				a.min = d
			}
			if c, ok := cost.CompareDatum(d, a.max); ok && c > 0 {
				a.max = d
			}
		}
		if (first+int64(r))%stride == 0 {
			a.sample++
			a.counts[d]++
		}
	}
}

// addInts is add for int64-backed columns without boxing every value.
func (a *colAcc) addInts(v *vector.Vector, n int, first, stride int64) {
	lo, _ := a.min.(int64)
	hi, _ := a.max.(int64)
	if lo, hi, ok := addOrdered(a, v, v.Ints[:n], a.ints, lo, hi, a.min != nil, first, stride); ok {
		a.min, a.max = lo, hi
	}
}

// addStrings is add for string columns without boxing every value.
func (a *colAcc) addStrings(v *vector.Vector, n int, first, stride int64) {
	lo, _ := a.min.(string)
	hi, _ := a.max.(string)
	if lo, hi, ok := addOrdered(a, v, v.Strs[:n], a.strs, lo, hi, a.min != nil, first, stride); ok {
		// Copies: the batch's strings may point into a shared arena.
		a.min, a.max = strings.Clone(lo), strings.Clone(hi)
	}
	for r, x := range v.Strs[:n] {
		if !v.IsNull(r) {
			a.width += int64(len(x))
		}
	}
}

// addOrdered folds the rows of vals in: NULLs counted, the bounds lo/hi
// (valid when seen) widened, the sampled values (every stride-th row,
// counting from first) counted in counts. It returns the new bounds and
// whether there are any.
func addOrdered[T int64 | string](a *colAcc, v *vector.Vector, vals []T, counts map[T]int64, lo, hi T, seen bool,
	first, stride int64) (T, T, bool) {
	for r, x := range vals {
		sampled := (first+int64(r))%stride == 0
		if v.IsNull(r) {
			a.nulls++
			if sampled {
				a.sample++
			}
			continue
		}
		if !seen {
			lo, hi, seen = x, x, true
		}
		lo, hi = min(lo, x), max(hi, x)
		if sampled {
			a.sample++
			counts[x]++
		}
	}
	return lo, hi, seen
}

func (a *colAcc) finish() catalog.ColumnStats {
	cs := catalog.ColumnStats{Analyzed: true, Min: a.min, Max: a.max}
	if a.n == 0 {
		return cs
	}
	cs.NullFrac = float64(a.nulls) / float64(a.n)
	nonNull := a.n - a.nulls
	cs.Distinct = float64(min(a.sketch.Estimate(), nonNull))
	if nonNull > 0 && cs.Distinct < 1 {
		cs.Distinct = 1
	}
	if a.typ.Physical() == types.PhysString {
		if nonNull > 0 {
			cs.AvgWidth = int((a.width + nonNull - 1) / nonNull)
		}
	} else {
		cs.AvgWidth = cost.TypeWidth(a.typ)
	}
	cs.MCV, cs.MCVFreq = a.mcvs()
	return cs
}

// mcvs returns the most common sampled values: those seen more than once,
// or all of them when the sample holds few distinct values.
func (a *colAcc) mcvs() ([]types.Datum, []float64) {
	distinct := len(a.counts) + len(a.ints) + len(a.strs)
	if a.sample == 0 || distinct == 0 {
		return nil, nil
	}
	type vc struct {
		v types.Datum
		n int64
	}
	var all []vc
	keep := func(n int64) bool { return n > 1 || distinct <= analyzeMCVs }
	for v, n := range a.counts {
		if keep(n) {
			all = append(all, vc{v, n})
		}
	}
	for v, n := range a.ints {
		if keep(n) {
			all = append(all, vc{v, n})
		}
	}
	for v, n := range a.strs {
		if keep(n) {
			all = append(all, vc{v, n})
		}
	}
	slices.SortFunc(all, func(x, y vc) int {
		if x.n != y.n {
			return int(y.n - x.n)
		}
		c, _ := cost.CompareDatum(x.v, y.v)
		return c
	})
	all = all[:min(len(all), analyzeMCVs)]
	vals := make([]types.Datum, len(all))
	freqs := make([]float64, len(all))
	for i, x := range all {
		vals[i], freqs[i] = x.v, float64(x.n)/float64(a.sample)
		if str, ok := x.v.(string); ok {
			vals[i] = strings.Clone(str) // not pinning the table's string arena
		}
	}
	return vals, freqs
}
