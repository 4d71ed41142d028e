package clienttest

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgtype"
	"github.com/warehoused/warehoused/internal/tpchtest"
)

// concurrentQueries are TPC-H queries cheap enough at SF0.01 to run a few
// hundred times in a test; between them they scan, join, aggregate, sort.
var concurrentQueries = []string{"q01", "q03", "q05", "q06", "q10", "q12", "q14", "q19"}

// valueText renders a value pgx decoded so that text and binary results of
// the same query compare equal under tpchtest.ValuesMatch.
func valueText(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case pgtype.Numeric:
		f, err := x.Float64Value()
		if err != nil || !f.Valid {
			return fmt.Sprint(v)
		}
		return strconv.FormatFloat(f.Float64, 'g', -1, 64)
	case float64:
		return strconv.FormatFloat(x, 'g', -1, 64)
	case float32:
		return strconv.FormatFloat(float64(x), 'g', -1, 32)
	case time.Time:
		return x.Format("2006-01-02 15:04:05.999999")
	case string:
		return strings.TrimRight(x, " ")
	default:
		return fmt.Sprint(v)
	}
}

func queryText(ctx context.Context, conn *pgx.Conn, sql string) ([][]string, error) {
	rows, err := conn.Query(ctx, sql)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out [][]string
	for rows.Next() {
		vals, err := rows.Values()
		if err != nil {
			return nil, err
		}
		row := make([]string, len(vals))
		for i, v := range vals {
			row[i] = valueText(v)
		}
		out = append(out, row)
	}
	return out, rows.Err()
}

// TestConcurrentSessions opens 100 sessions at once, each running three
// TPC-H queries, half over the simple and half over the extended protocol;
// every answer must equal the one a single session computed first.
func TestConcurrentSessions(t *testing.T) {
	s := env(t)
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	sessions := 100
	if testing.Short() {
		sessions = 20
	}
	texts := map[string]string{}
	for _, q := range concurrentQueries {
		b, err := os.ReadFile(filepath.Join(fx.tpchDir, "queries", q+".sql"))
		if err != nil {
			t.Fatal(err)
		}
		texts[q] = strings.TrimSuffix(strings.TrimSpace(string(b)), ";")
	}
	modes := []pgx.QueryExecMode{pgx.QueryExecModeSimpleProtocol, pgx.QueryExecModeCacheStatement}
	want := map[string][][]string{}
	for _, m := range modes {
		conn := pgxConnect(ctx, t, s, m)
		for _, q := range concurrentQueries {
			rows, err := queryText(ctx, conn, texts[q])
			if err != nil {
				t.Fatalf("%s (mode %v): %v", q, m, err)
			}
			if len(rows) == 0 {
				t.Fatalf("%s: no rows", q)
			}
			want[q] = rows
		}
	}

	// Connect everyone first so 100 sessions really are open at once.
	conns := make([]*pgx.Conn, sessions)
	var wg sync.WaitGroup
	errs := make(chan error, sessions*4)
	for i := range conns {
		wg.Add(1)
		go func() {
			defer wg.Done()
			cfg, err := pgx.ParseConfig(s.url())
			if err != nil {
				errs <- err
				return
			}
			cfg.DefaultQueryExecMode = modes[i%len(modes)]
			c, err := pgx.ConnectConfig(ctx, cfg)
			if err != nil {
				errs <- fmt.Errorf("session %d: connect: %w", i, err)
				return
			}
			conns[i] = c
		}()
	}
	wg.Wait()
	defer func() {
		for _, c := range conns {
			if c != nil {
				c.Close(context.Background())
			}
		}
	}()
	select {
	case err := <-errs:
		t.Fatal(err)
	default:
	}
	start := make(chan struct{})
	for i, c := range conns {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			for k := 0; k < 3; k++ {
				q := concurrentQueries[(i+k)%len(concurrentQueries)]
				got, err := queryText(ctx, c, texts[q])
				if err != nil {
					errs <- fmt.Errorf("session %d %s: %w", i, q, err)
					return
				}
				if d := tpchtest.RowsMatch(want[q], got); d != "" {
					errs <- fmt.Errorf("session %d %s: %s", i, q, d)
				}
			}
		}()
	}
	close(start)
	wg.Wait()
	close(errs)
	n := 0
	for err := range errs {
		if n++; n <= 10 {
			t.Error(err)
		}
	}
	if n > 10 {
		t.Errorf("... %d errors in all", n)
	}
}
