package warehoused

import (
	"math"

	"github.com/warehoused/warehoused/catalog"
	"github.com/warehoused/warehoused/storage"
	"github.com/warehoused/warehoused/types"
)

// storageSystemTables are Redshift's views of slices, stored tables and
// blocks (ids 2000-2999).
var storageSystemTables = []systemTable{
	{2000, catalog.PgCatalog, "stv_slices", []catalog.Column{sysCol("node", intT), sysCol("slice", intT), sysCol("localslice", intT), sysCol("type", textT)},
		func(c *Conn, st *dbState, add func(...types.Datum)) {
			for i := 0; i < c.db.cfg.Slices; i++ {
				add(int64(0), int64(i), int64(i), "D")
			}
		}},
	{2001, catalog.PgCatalog, "svv_table_info", []catalog.Column{sysCol("database", textT), sysCol("schema", textT), sysCol("table_id", types.Int64Type),
		sysCol("table", textT), sysCol("encoded", textT), sysCol("diststyle", textT), sysCol("sortkey1", textT), sysCol("max_varchar", intT),
		sysCol("sortkey1_enc", textT), sysCol("sortkey_num", intT), sysCol("size", types.Int64Type), sysCol("pct_used", types.Float64Type),
		sysCol("empty", types.Int64Type), sysCol("unsorted", types.Float64Type), sysCol("stats_off", types.Float64Type),
		sysCol("tbl_rows", types.Int64Type), sysCol("skew_sortkey1", types.Float64Type), sysCol("skew_rows", types.Float64Type),
		sysCol("estimated_visible_rows", types.Int64Type), sysCol("vacuum_sort_benefit", types.Float64Type)},
		tableInfoRows},
	{2002, catalog.PgCatalog, "stv_blocklist", []catalog.Column{sysCol("slice", intT), sysCol("col", intT), sysCol("tbl", types.Int64Type),
		sysCol("blocknum", intT), sysCol("num_values", intT), sysCol("minvalue", types.Int64Type), sysCol("maxvalue", types.Int64Type),
		sysCol("unsorted", intT), sysCol("on_disk", intT), sysCol("tombstone", intT), sysCol("encoding", textT), sysCol("bytes", types.Int64Type),
		sysCol("min_text", textT), sysCol("max_text", textT), sysCol("block_id", textT)},
		blockListRows},
}

// tableInfoRows produces svv_table_info: one row per user table (Redshift
// shows only tables with data; empty ones appear here too, with size 0).
func tableInfoRows(c *Conn, st *dbState, add func(...types.Datum)) {
	for _, t := range st.cat.Tables() {
		if t.Kind != catalog.KindTable {
			continue
		}
		d := st.data[t.ID]
		if d == nil {
			continue
		}
		info := tableInfo(d.tab)
		ds := t.DistStyle.String()
		switch {
		case t.DistStyle == catalog.DistKey && t.DistKey >= 0:
			ds = "KEY(" + t.Columns[t.DistKey].Name + ")"
		case t.DistStyle == catalog.DistAuto:
			ds = "AUTO(EVEN)"
			if d.tab.Rows() < autoAllRows {
				ds = "AUTO(ALL)"
			}
		}
		var sk, skEnc, unsorted, skewSort types.Datum
		if len(t.SortKey) > 0 {
			sk = t.Columns[t.SortKey[0]].Name
			if t.SortStyle == catalog.SortInterleaved {
				sk = "INTERLEAVED"
			}
			skEnc = c.db.columnEncoding(t, t.SortKey[0]).String()
			unsorted = 0.0
			if info.Rows > 0 {
				unsorted = round2(100 * float64(info.UnsortedRows) / float64(info.Rows+info.DeletedRows))
			}
			skewSort = 1.0
		}
		encoded := "N"
		maxVarchar := int64(0)
		for i, col := range t.Columns {
			if c.db.columnEncoding(t, i).String() != "raw" {
				encoded = "Y"
			}
			if col.Type.ID == types.Varchar && int64(col.Type.Width) > maxVarchar {
				maxVarchar = int64(col.Type.Width)
			}
		}
		if t.Columns != nil && allAuto(t) {
			encoded = "Y, AUTO(ENCODE)"
		}
		size := int64(0)
		for _, b := range info.Blocks {
			size += (b.Bytes + 1<<20 - 1) >> 20
		}
		add(c.db.cfg.Database, t.Schema, int64(t.ID), t.Name, encoded, ds, sk, maxVarchar, skEnc, int64(len(t.SortKey)),
			size, pctUsed(size, c), int64(0), unsorted, round2(t.Stats.StatsOff(d.changed)), info.Rows, skewSort, skewRows(info.SliceRows),
			info.Rows, nil)
	}
}

// autoAllRows is the size below which DISTSTYLE AUTO keeps a table on every
// node (Redshift decides from table size; this is the row-count stand-in).
const autoAllRows = 1_000_000

func allAuto(t *catalog.Table) bool {
	for _, col := range t.Columns {
		if col.Encode != "" {
			return false
		}
	}
	return true
}

// tableInfo asks storage for its layout; in-memory tables report rows only.
func tableInfo(tab storage.Table) storage.TableInfo {
	if d, ok := tab.(storage.Described); ok {
		return d.Info()
	}
	return storage.TableInfo{Rows: tab.Rows()}
}

// pctUsed is the share of a notional 1 TB of 1 MB blocks a table occupies.
func pctUsed(blocks int64, _ *Conn) float64 { return round2(100 * float64(blocks) / (1 << 20)) }

// skewRows is the ratio of the fullest slice's rows to the emptiest's
// (Redshift's skew_rows); nil with no rows.
func skewRows(rows []int64) types.Datum {
	if len(rows) == 0 {
		return nil
	}
	lo, hi := int64(math.MaxInt64), int64(0)
	for _, r := range rows {
		lo, hi = min(lo, r), max(hi, r)
	}
	if hi == 0 {
		return nil
	}
	if lo == 0 {
		return float64(hi)
	}
	return round2(float64(hi) / float64(lo))
}

func round2(x float64) float64 { return math.Round(x*100) / 100 }

// blockListRows produces stv_blocklist: one row per column block. minvalue
// and maxvalue are numeric zone-map bounds as Redshift shows them (integers,
// dates as days, timestamps as microseconds); min_text/max_text show every
// type's bounds as text.
func blockListRows(c *Conn, st *dbState, add func(...types.Datum)) {
	for _, t := range st.cat.Tables() {
		if t.Kind != catalog.KindTable {
			continue
		}
		d := st.data[t.ID]
		if d == nil {
			continue
		}
		blockNum := map[[2]int]int64{}
		for _, b := range tableInfo(d.tab).Blocks {
			if b.Col >= len(t.Columns) {
				continue
			}
			typ := t.Columns[b.Col].Type
			k := [2]int{b.Slice, b.Col}
			n := blockNum[k]
			blockNum[k] = n + 1
			var minI, maxI, minT, maxT types.Datum
			if v, ok := b.Min.(int64); ok {
				minI = v
			}
			if v, ok := b.Max.(int64); ok {
				maxI = v
			}
			if b.Min != nil {
				minT = types.Format(typ, b.Min)
			}
			if b.Max != nil {
				maxT = types.Format(typ, b.Max)
			}
			unsorted := int64(1)
			if b.Sorted {
				unsorted = 0
			}
			add(int64(b.Slice), int64(b.Col), int64(t.ID), n, int64(b.Rows), minI, maxI, unsorted, int64(1), int64(0),
				b.Encoding.String(), b.Bytes, minT, maxT, b.Hash)
		}
	}
}
