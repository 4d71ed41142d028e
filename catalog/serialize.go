package catalog

import (
	"encoding/json"
	"sort"
	"strings"
	"time"

	"github.com/warehoused/warehoused/sqlerr"
	"github.com/warehoused/warehoused/types"
)

// catalogFormat is the version of the serialized form; Decode refuses others.
const catalogFormat = 1

// The serialized catalog: everything but system relations and temporary
// objects (those belong to a running process). Statistics datums are kept as
// their text form and parsed back with their column's type, so every type
// round-trips exactly.
type catalogJSON struct {
	Format  int                   `json:"format"`
	NextID  TableID               `json:"next_id"`
	Schemas []*SchemaDesc         `json:"schemas"`
	Tables  []tableJSON           `json:"tables"`
	Deps    map[TableID][]TableID `json:"deps,omitempty"`
	Users   []*User               `json:"users,omitempty"`
}

type tableJSON struct {
	*Table
	Stats *statsJSON `json:"Stats,omitempty"`
}

type statsJSON struct {
	Rows       int64             `json:"rows"`
	AnalyzedAt time.Time         `json:"analyzed_at"`
	ChangeMark int64             `json:"change_mark"`
	Columns    []columnStatsJSON `json:"columns"`
}

type columnStatsJSON struct {
	Analyzed bool      `json:"analyzed"`
	NullFrac float64   `json:"null_frac"`
	Distinct float64   `json:"distinct"`
	Min      *string   `json:"min,omitempty"`
	Max      *string   `json:"max,omitempty"`
	MCV      []*string `json:"mcv,omitempty"`
	MCVFreq  []float64 `json:"mcv_freq,omitempty"`
	AvgWidth int       `json:"avg_width"`
}

// Encode serializes the persistent part of the catalog.
func (c *Catalog) Encode() ([]byte, error) {
	out := catalogJSON{Format: catalogFormat, NextID: c.nextID, Deps: map[TableID][]TableID{}}
	for _, s := range c.Schemas() {
		if s.System || isTempSchema(s.Name) {
			continue
		}
		out.Schemas = append(out.Schemas, s)
	}
	for _, t := range c.Tables() {
		if t.Kind == KindSystem || t.Temp || isTempSchema(t.Schema) {
			continue
		}
		tj := tableJSON{Table: t}
		if t.Stats != nil {
			tj.Stats = encodeStats(t)
		}
		out.Tables = append(out.Tables, tj)
		if d := c.deps[t.ID]; len(d) > 0 {
			out.Deps[t.ID] = d
		}
	}
	out.Users = c.Users()
	return json.Marshal(out)
}

func isTempSchema(name string) bool { return strings.HasPrefix(name, "pg_temp_") }

func encodeStats(t *Table) *statsJSON {
	s := t.Stats
	out := &statsJSON{Rows: s.Rows, AnalyzedAt: s.AnalyzedAt, ChangeMark: s.ChangeMark}
	for i, cs := range s.Columns {
		if i >= len(t.Columns) {
			break
		}
		typ := t.Columns[i].Type
		cj := columnStatsJSON{Analyzed: cs.Analyzed, NullFrac: cs.NullFrac, Distinct: cs.Distinct,
			Min: datumText(typ, cs.Min), Max: datumText(typ, cs.Max), MCVFreq: cs.MCVFreq, AvgWidth: cs.AvgWidth}
		for _, v := range cs.MCV {
			cj.MCV = append(cj.MCV, datumText(typ, v))
		}
		out.Columns = append(out.Columns, cj)
	}
	return out
}

func datumText(t types.T, d types.Datum) *string {
	if d == nil {
		return nil
	}
	s := types.Format(t, d)
	return &s
}

// Decode rebuilds a catalog from Encode's output on top of New() (which holds
// the built-in schemas); register adds the system relations.
func Decode(data []byte, register func(*Catalog)) (*Catalog, error) {
	var in catalogJSON
	if err := json.Unmarshal(data, &in); err != nil {
		return nil, sqlerr.Wrapf(err, sqlerr.DataCorrupted, "catalog is corrupt")
	}
	if in.Format != catalogFormat {
		return nil, sqlerr.Newf(sqlerr.DataCorrupted, "catalog format %d is not supported (want %d)", in.Format, catalogFormat)
	}
	c := New()
	if register != nil {
		register(c)
	}
	for _, s := range in.Schemas {
		if s == nil || s.Name == "" {
			return nil, sqlerr.Newf(sqlerr.DataCorrupted, "catalog is corrupt: schema without a name")
		}
		c.schemas[s.Name] = s
		if c.names[s.Name] == nil {
			c.names[s.Name] = map[string]TableID{}
		}
	}
	sort.Slice(in.Tables, func(i, j int) bool { return in.Tables[i].Table.ID < in.Tables[j].Table.ID })
	for _, tj := range in.Tables {
		t := tj.Table
		if t == nil || c.names[t.Schema] == nil {
			return nil, sqlerr.Newf(sqlerr.DataCorrupted, "catalog is corrupt: relation in a missing schema")
		}
		if tj.Stats != nil {
			st, err := decodeStats(t, tj.Stats)
			if err != nil {
				return nil, err
			}
			t.Stats = st
		}
		c.tables[t.ID] = t
		c.names[t.Schema][t.Name] = t.ID
	}
	for k, v := range in.Deps {
		c.deps[k] = v
	}
	for _, u := range in.Users {
		if u != nil {
			c.users[u.Name] = u
		}
	}
	c.nextID = max(c.nextID, in.NextID)
	return c, nil
}

func decodeStats(t *Table, in *statsJSON) (*TableStats, error) {
	out := &TableStats{Rows: in.Rows, AnalyzedAt: in.AnalyzedAt, ChangeMark: in.ChangeMark}
	for i, cj := range in.Columns {
		if i >= len(t.Columns) {
			break
		}
		typ := t.Columns[i].Type
		cs := ColumnStats{Analyzed: cj.Analyzed, NullFrac: cj.NullFrac, Distinct: cj.Distinct, MCVFreq: cj.MCVFreq, AvgWidth: cj.AvgWidth}
		var err error
		if cs.Min, err = parseDatum(typ, cj.Min); err != nil {
			return nil, err
		}
		if cs.Max, err = parseDatum(typ, cj.Max); err != nil {
			return nil, err
		}
		for _, m := range cj.MCV {
			v, err := parseDatum(typ, m)
			if err != nil {
				return nil, err
			}
			cs.MCV = append(cs.MCV, v)
		}
		out.Columns = append(out.Columns, cs)
	}
	return out, nil
}

func parseDatum(t types.T, s *string) (types.Datum, error) {
	if s == nil {
		return nil, nil
	}
	d, err := types.Parse(t, *s)
	if err != nil {
		return nil, sqlerr.Wrapf(err, sqlerr.DataCorrupted, "catalog is corrupt: statistics value %q", *s)
	}
	return d, nil
}
