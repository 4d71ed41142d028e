// Package bench generates TPC-H data (the dbgen algorithm of TPC-H
// specification §4.2, in Go) and runs the TPC-H queries against warehoused.
package bench

import (
	"bufio"
	"context"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"sync"

	"github.com/warehoused/warehoused/sqlerr"
)

// Tables lists the eight TPC-H tables in load order.
var Tables = []string{"region", "nation", "supplier", "customer", "part", "partsupp", "orders", "lineitem"}

// GenOptions configures Generate.
type GenOptions struct {
	// SF is the scale factor (1 = about 1 GB of text); 0.01 and up.
	SF float64
	// Dir receives <table>.tbl files; created when missing.
	Dir string
	// Tables restricts generation to these tables; all eight when empty.
	Tables []string
	// Parallel is the number of generating goroutines; GOMAXPROCS when 0.
	Parallel int
	// Progress, when set, is called after each chunk of about 1 MB with the
	// group's first table (e.g. "orders" for orders and lineitem) and how
	// many of its rows are written out of total. Calls come from one goroutine.
	Progress func(table string, rows, total int64)
}

// group is a set of tables dbgen generates in one pass (a master table and
// its detail table share their random streams).
type group struct {
	tables  []string
	streams []int
	rows    func(sc scale) int64
	// row appends row i of each wanted table to bufs[k].
	row func(g *genCtx, r *rng, i int64, want []bool, bufs [][]byte)
}

var groups = []group{
	{tables: []string{"region"}, streams: regionStreams,
		rows: func(scale) int64 { return int64(len(regions)) },
		row: func(g *genCtx, r *rng, i int64, _ []bool, b [][]byte) {
			b[0] = g.region(b[0], r, i)
		}},
	{tables: []string{"nation"}, streams: nationStreams,
		rows: func(scale) int64 { return int64(len(nations)) },
		row: func(g *genCtx, r *rng, i int64, _ []bool, b [][]byte) {
			b[0] = g.nation(b[0], r, i)
		}},
	{tables: []string{"supplier"}, streams: suppStreams,
		rows: func(sc scale) int64 { return sc.supps },
		row: func(g *genCtx, r *rng, i int64, _ []bool, b [][]byte) {
			b[0] = g.supplier(b[0], r, i)
		}},
	{tables: []string{"customer"}, streams: custStreams,
		rows: func(sc scale) int64 { return sc.custs },
		row: func(g *genCtx, r *rng, i int64, _ []bool, b [][]byte) {
			b[0] = g.customer(b[0], r, i)
		}},
	{tables: []string{"part", "partsupp"}, streams: partStreams,
		rows: func(sc scale) int64 { return sc.parts },
		row: func(g *genCtx, r *rng, i int64, w []bool, b [][]byte) {
			b[0], b[1] = g.part(b[0], b[1], r, i, w[0], w[1])
		}},
	{tables: []string{"orders", "lineitem"}, streams: orderStreams,
		rows: func(sc scale) int64 { return sc.orders },
		row: func(g *genCtx, r *rng, i int64, w []bool, b [][]byte) {
			b[0], b[1] = g.order(b[0], b[1], r, i, w[0], w[1])
		}},
}

// RowCount returns the number of rows of a TPC-H table at scale factor sf
// (for lineitem, the number of orders: its row count is only known after generation).
func RowCount(sf float64, table string) int64 {
	sc := newScale(sf)
	switch table {
	case "partsupp":
		return 4 * sc.parts
	case "lineitem":
		return sc.orders
	}
	for _, gr := range groups {
		if gr.tables[0] == table {
			return gr.rows(sc)
		}
	}
	return 0
}

// chunkRows is the number of master rows per chunk: about 1 MB of text.
func chunkRows(table string) int64 {
	switch table {
	case "orders":
		return 1500 // plus ~6000 lineitems
	case "part":
		return 2000
	default:
		return 5000
	}
}

// Generate writes <table>.tbl files (pipe-delimited, no trailing delimiter)
// for the requested tables into opts.Dir. The output is deterministic and
// identical for any Parallel.
func Generate(ctx context.Context, opts GenOptions) error {
	want := opts.Tables
	if len(want) == 0 {
		want = Tables
	}
	for _, t := range want {
		if !slices.Contains(Tables, t) {
			return sqlerr.Newf(sqlerr.InvalidParameterValue, "unknown TPC-H table %q", t)
		}
	}
	g, err := newGenCtx(opts.SF)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(opts.Dir, 0o755); err != nil {
		return sqlerr.Wrapf(err, sqlerr.InternalError, "could not create directory %q", opts.Dir)
	}
	for _, gr := range groups {
		ws := make([]io.Writer, len(gr.tables))
		var files []*os.File
		var bufs []*bufio.Writer
		for k, t := range gr.tables {
			if !slices.Contains(want, t) {
				continue
			}
			f, err := os.Create(filepath.Join(opts.Dir, t+".tbl"))
			if err != nil {
				return sqlerr.Wrapf(err, sqlerr.InternalError, "could not create %q", t+".tbl")
			}
			files = append(files, f)
			bw := bufio.NewWriterSize(f, 1<<20)
			bufs = append(bufs, bw)
			ws[k] = bw
		}
		if len(files) == 0 {
			continue
		}
		var progress func(rows, total int64)
		if opts.Progress != nil {
			table := gr.tables[0]
			progress = func(rows, total int64) { opts.Progress(table, rows, total) }
		}
		err := generateGroup(ctx, g, gr, opts.Parallel, ws, progress)
		for _, bw := range bufs {
			if ferr := bw.Flush(); err == nil && ferr != nil {
				err = sqlerr.Wrapf(ferr, sqlerr.InternalError, "could not write table data")
			}
		}
		for _, f := range files {
			if cerr := f.Close(); err == nil && cerr != nil {
				err = sqlerr.Wrapf(cerr, sqlerr.InternalError, "could not write table data")
			}
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// GenerateTable streams the .tbl text of one table to w, for a loader that
// consumes the data without files. Parallel is as in GenOptions.
func GenerateTable(ctx context.Context, sf float64, table string, parallel int, w io.Writer) error {
	g, err := newGenCtx(sf)
	if err != nil {
		return err
	}
	for _, gr := range groups {
		if k := slices.Index(gr.tables, table); k >= 0 {
			ws := make([]io.Writer, len(gr.tables))
			ws[k] = w
			return generateGroup(ctx, g, gr, parallel, ws, nil)
		}
	}
	return sqlerr.Newf(sqlerr.InvalidParameterValue, "unknown TPC-H table %q", table)
}

// newGenCtx builds the shared state of one generation run.
func newGenCtx(sf float64) (*genCtx, error) {
	if !(sf >= 0.001) || sf > 1e6 {
		return nil, sqlerr.Newf(sqlerr.InvalidParameterValue, "scale factor must be between 0.001 and 1000000, got %g", sf)
	}
	d := newDists()
	return &genCtx{sc: newScale(sf), d: d, pool: buildTextPool(d, textPoolSize), dates: dateStrings()}, nil
}

// TableReader returns the .tbl text of one table as a stream, generated in
// the background (for example to feed COPY ... FROM STDIN). Close it to stop
// the generation early.
func TableReader(ctx context.Context, sf float64, table string, parallel int) io.ReadCloser {
	pr, pw := io.Pipe()
	go func() { pw.CloseWithError(GenerateTable(ctx, sf, table, parallel, pw)) }()
	return pr
}

// chunkResult is the text of one chunk, one buffer per table of the group.
type chunkResult struct {
	bufs [][]byte
}

// generateGroup generates the tables of gr into ws (nil = not wanted).
// Chunks of rows are made by parallel workers and written in order; at most
// 2×parallel chunks are in flight, so memory does not grow with the scale.
// progress, when not nil, gets the master rows written after each chunk.
func generateGroup(ctx context.Context, g *genCtx, gr group, parallel int, ws []io.Writer, progress func(rows, total int64)) error {
	if parallel <= 0 {
		parallel = runtime.GOMAXPROCS(0)
	}
	want := make([]bool, len(ws))
	for k, w := range ws {
		want[k] = w != nil
	}
	total := gr.rows(g.sc)
	per := chunkRows(gr.tables[0])
	nChunks := (total + per - 1) / per

	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	inFlight := 2 * parallel
	// Chunk c goes through slot c mod inFlight: the dispatcher starts chunk
	// c+inFlight only after the writer has taken chunk c, so a slot is always
	// empty when a worker sends into it.
	results := make([]chan chunkResult, inFlight)
	for i := range results {
		results[i] = make(chan chunkResult, 1)
	}
	free := make(chan [][]byte, inFlight)
	jobs := make(chan int64)
	sem := make(chan struct{}, inFlight)
	var wg sync.WaitGroup
	for range parallel {
		wg.Go(func() {
			for c := range jobs {
				var bufs [][]byte
				select {
				case bufs = <-free:
				default:
					bufs = make([][]byte, len(ws))
				}
				lo := c*per + 1
				hi := min(lo+per-1, total)
				r := newRNG(gr.streams, lo)
				for k := range bufs {
					bufs[k] = bufs[k][:0]
				}
				for i := lo; i <= hi; i++ {
					gr.row(g, r, i, want, bufs)
					r.rowStop()
				}
				results[c%int64(inFlight)] <- chunkResult{bufs: bufs}
			}
		})
	}
	go func() {
		defer close(jobs)
		for c := range nChunks {
			select {
			case sem <- struct{}{}:
			case <-ctx.Done():
				return
			}
			select {
			case jobs <- c:
			case <-ctx.Done():
				return
			}
		}
	}()
	var err error
	for c := range nChunks {
		var res chunkResult
		select {
		case res = <-results[c%int64(inFlight)]:
		case <-ctx.Done():
			err = sqlerr.Canceled(ctx)
		}
		if err != nil {
			break
		}
		for k, w := range ws {
			if w == nil {
				continue
			}
			if _, werr := w.Write(res.bufs[k]); werr != nil {
				err = sqlerr.Wrapf(werr, sqlerr.InternalError, "could not write %s data", gr.tables[k])
				break
			}
		}
		select {
		case free <- res.bufs:
		default:
		}
		<-sem
		if err != nil {
			break
		}
		if progress != nil {
			progress(min((c+1)*per, total), total)
		}
	}
	cancel()
	// Workers never block on results (buffered), so they finish promptly.
	wg.Wait()
	return err
}
