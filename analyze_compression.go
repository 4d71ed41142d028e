package warehoused

import (
	"context"
	"math"
	"slices"

	"github.com/warehoused/warehoused/catalog"
	"github.com/warehoused/warehoused/sql/ast"
	"github.com/warehoused/warehoused/storage"
	"github.com/warehoused/warehoused/storage/encoding"
	"github.com/warehoused/warehoused/types"
	"github.com/warehoused/warehoused/vector"
)

// defaultCompRows is how many rows ANALYZE COMPRESSION samples when COMPROWS
// is not given (Redshift samples 100,000 rows per slice).
const defaultCompRows = 100_000

// analyzeCompression samples each table's rows, encodes every column with
// every encoding its type takes and reports the smallest, as Redshift's
// ANALYZE COMPRESSION: Table, Column, Encoding, Est_reduction_pct (the size
// saved against RAW). Sort key columns are advised RAW, as Redshift does, so
// range-restricted scans skip blocks precisely.
func (c *Conn) analyzeCompression(ctx context.Context, s *ast.AnalyzeStmt) (*Rows, error) {
	tables, err := c.maintenanceTargets(s.Table)
	if err != nil {
		return nil, err
	}
	limit := s.ComprRows
	if limit <= 0 {
		limit = defaultCompRows
	}
	ts := []types.T{types.TextType, types.TextType, types.TextType, types.DecimalType(5, 2)}
	out := vector.NewBatch(ts, 0)
	for _, t := range tables {
		d := c.tx.work.data[t.ID]
		if d == nil {
			continue
		}
		sample, err := sampleRows(ctx, d.tab, t, limit)
		if err != nil {
			return nil, err
		}
		for i, col := range t.Columns {
			if len(s.Columns) > 0 && !containsName(s.Columns, col.Name) {
				continue
			}
			enc, pct := c.db.columnEncoding(t, i), 0.0
			// Sort key columns keep their encoding, as Redshift advises.
			if sample != nil && sample.N > 0 && !slices.Contains(t.SortKey, i) {
				if enc, pct, err = bestEncoding(sample.Cols[i]); err != nil {
					return nil, err
				}
			}
			out.Cols[0].Append(t.Name)
			out.Cols[1].Append(col.Name)
			out.Cols[2].Append(enc.String())
			out.Cols[3].Append(int64(math.Round(pct * 100)))
			out.N++
		}
	}
	cols := []Column{{"Table", ts[0]}, {"Column", ts[1]}, {"Encoding", ts[2]}, {"Est_reduction_pct", ts[3]}}
	return batchRows(cols, []*vector.Batch{out}, "ANALYZE COMPRESSION"), nil
}

func containsName(names []string, n string) bool {
	for _, x := range names {
		if x == n {
			return true
		}
	}
	return false
}

// sampleRows reads up to limit rows of each slice (COMPROWS is per slice, as Redshift's).
func sampleRows(ctx context.Context, tab storage.Table, t *catalog.Table, limit int64) (*vector.Batch, error) {
	all := make([]int, len(t.Columns))
	ts := make([]types.T, len(t.Columns))
	for i, col := range t.Columns {
		all[i], ts[i] = i, col.Type
	}
	out := vector.NewBatch(ts, 0)
	per := limit
	for s := 0; s < tab.Slices(); s++ {
		it, err := tab.Scan(ctx, storage.ScanRequest{Slice: s, Columns: all})
		if err != nil {
			return nil, err
		}
		var got int64
		for got < per {
			b, err := it.Next(ctx)
			if err != nil {
				it.Close()
				return nil, err
			}
			if b == nil {
				break
			}
			n := min(int64(b.N), per-got)
			part := b
			if int(n) < b.N {
				part = b.Slice(0, int(n))
			}
			for i, v := range part.Cols {
				out.Cols[i].AppendVector(v)
			}
			out.N += part.N
			got += n
		}
		it.Close()
	}
	return out, nil
}

// bestEncoding is the encoding that makes v smallest, with its reduction
// against RAW in percent.
func bestEncoding(v *vector.Vector) (encoding.Kind, float64, error) {
	raw, err := encoding.Estimate(encoding.Raw, v, 0, v.Len())
	if err != nil {
		return 0, 0, err
	}
	if raw == 0 {
		return encoding.Raw, 0, nil
	}
	best, bestSize := encoding.Raw, raw
	for _, k := range encoding.Kinds() {
		if k == encoding.Raw || !encoding.Supports(k, v.Type) {
			continue
		}
		n, err := encoding.Estimate(k, v, 0, v.Len())
		if err != nil {
			continue // an encoding that cannot take these values is not advice
		}
		// A slower-to-decode encoding must save a tenth more to win.
		if n < bestSize && (fastEncoding(k) == fastEncoding(best) || fastEncoding(k) || n*10 < bestSize*9) {
			best, bestSize = k, n
		} else if fastEncoding(k) && !fastEncoding(best) && n*9 <= bestSize*10 {
			best, bestSize = k, n
		}
	}
	return best, 100 * float64(raw-bestSize) / float64(raw), nil
}
