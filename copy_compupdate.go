package warehoused

import (
	"context"
	"strings"

	"github.com/warehoused/warehoused/catalog"
	"github.com/warehoused/warehoused/sql/ast"
	"github.com/warehoused/warehoused/storage"
	"github.com/warehoused/warehoused/storage/encoding"
	"github.com/warehoused/warehoused/vector"
)

// compSampleRows is how many rows COPY's automatic compression analysis
// looks at before the first block is written: every encoding is tried on
// them, so the sample is kept small (Redshift samples 100,000 rows per
// slice; sizes estimated from 16K rows rank encodings the same way).
const compSampleRows = 16384

// wantsCompUpdate says whether a COPY chooses the table's encodings from its
// data, as Redshift's COPY does by default (COMPUPDATE): into an empty
// table on disk whose columns are all ENCODE AUTO, unless COMPUPDATE OFF.
func wantsCompUpdate(s *ast.CopyStmt, t *catalog.Table, d *tableData) bool {
	switch strings.ToLower(s.Options["compupdate"]) {
	case "off", "false":
		return false
	}
	if _, ok := d.tab.(*storage.ColTable); !ok || d.tab.Rows() != 0 {
		return false
	}
	return allAuto(t)
}

// compUpdateWriter holds back the first rows of a COPY, chooses each
// column's encoding from them, then writes everything with those encodings.
type compUpdateWriter struct {
	c       *Conn
	t       *catalog.Table
	d       *tableData
	pending []*vector.Batch
	rows    int
	w       storage.TableWriter
	chosen  *catalog.Table // the table with its chosen encodings
}

func (cw *compUpdateWriter) Append(ctx context.Context, b *vector.Batch) error {
	if cw.w != nil {
		return cw.w.Append(ctx, b)
	}
	cw.pending = append(cw.pending, b)
	cw.rows += b.N
	if cw.rows >= compSampleRows {
		return cw.decide(ctx)
	}
	return nil
}

func (cw *compUpdateWriter) Finish(ctx context.Context) (storage.Table, error) {
	if cw.w == nil {
		if err := cw.decide(ctx); err != nil {
			return nil, err
		}
	}
	return cw.w.Finish(ctx)
}

func (cw *compUpdateWriter) Abort() {
	if cw.w != nil {
		cw.w.Abort()
	}
}

// decide analyses the held-back rows, records the encodings in the catalog
// (pg_table_def shows them, as in Redshift) and starts the real writer.
func (cw *compUpdateWriter) decide(ctx context.Context) error {
	t := *cw.t
	t.Columns = append([]catalog.Column(nil), cw.t.Columns...)
	if cw.rows > 0 {
		sample := vector.NewBatch(cw.d.tab.Types(), 0)
		for _, b := range cw.pending {
			for i, v := range b.Cols {
				sample.Cols[i].AppendVector(v)
			}
			sample.N += b.N
		}
		// Estimate in the order the table stores rows: a file in key order
		// (lineitem by l_orderkey) compresses very differently once sorted
		// by the table's sort key.
		sample = cw.c.db.layout(cw.t).SortRows(sample)
		for i := range t.Columns {
			k, _, err := bestEncoding(sample.Cols[i])
			if err != nil {
				return err
			}
			t.Columns[i].Encode = k.String()
		}
	} else {
		for i := range t.Columns {
			t.Columns[i].Encode = cw.c.db.columnEncoding(cw.t, i).String()
		}
	}
	if err := cw.c.tx.catalogForWrite().ReplaceTable(&t); err != nil {
		return err
	}
	cw.chosen = &t
	ct := cw.d.tab.(*storage.ColTable)
	nt, err := ct.WithLayout(cw.c.db.layout(&t))
	if err != nil {
		return err
	}
	if cw.w, err = nt.Writer(ctx); err != nil {
		return err
	}
	for _, b := range cw.pending {
		if err := cw.w.Append(ctx, b); err != nil {
			return err
		}
	}
	cw.pending = nil
	return nil
}

// fastEncoding reports encodings whose decoding keeps scans quick; a slower one
// must save at least a tenth more space to be chosen.
func fastEncoding(k encoding.Kind) bool {
	switch k {
	case encoding.Raw, encoding.AZ64, encoding.Bytedict, encoding.Runlength, encoding.Delta, encoding.Delta32K,
		encoding.Mostly8, encoding.Mostly16, encoding.Mostly32:
		return true
	}
	return false
}
