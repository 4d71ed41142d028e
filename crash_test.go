package warehoused

import (
	"bufio"
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestCrashRecovery kills (SIGKILL) a process writing to a database at random
// moments — during COPY, INSERT, DELETE, UPDATE, VACUUM or their commit — and
// checks that the reopened database holds exactly the last committed state:
// the state after the last statement the child reported done, or after the
// one it was running (when the kill came after its commit but before the
// report). Every block must read back intact.
func TestCrashRecovery(t *testing.T) {
	if testing.Short() {
		t.Skip("spawns and kills processes")
	}
	dir := t.TempDir()
	rounds := 25
	rng := rand.New(rand.NewPCG(7, 11))
	// Before the child reports anything, the state is the last one seen (or
	// no table / the empty table the child's first statement creates).
	prev, prevIntent := "none", "0 0 0"
	for round := range rounds {
		child := exec.Command(os.Args[0], "-test.run=^TestCrashChild$", "-test.count=1")
		child.Env = append(os.Environ(), "WAREHOUSED_CRASH_DIR="+dir, fmt.Sprintf("WAREHOUSED_CRASH_SEED=%d", round))
		out, err := child.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		child.Stderr = os.Stderr
		if err := child.Start(); err != nil {
			t.Fatal(err)
		}
		lines := make(chan string, 1024)
		go func() {
			sc := bufio.NewScanner(out)
			for sc.Scan() {
				lines <- sc.Text()
			}
			close(lines)
		}()
		// Let it get going (opening, first statements), then kill it at a random moment.
		wait := time.Duration(150+rng.IntN(900)) * time.Millisecond
		timer := time.NewTimer(wait)
		lastDone, lastIntent := prev, prevIntent
		reported := 0
	read:
		for {
			select {
			case l, ok := <-lines:
				if !ok {
					break read
				}
				switch {
				case strings.HasPrefix(l, "done "):
					lastDone, lastIntent = strings.TrimPrefix(l, "done "), ""
					reported++
				case strings.HasPrefix(l, "intent "):
					lastIntent = strings.TrimPrefix(l, "intent ")
				}
			case <-timer.C:
				break read
			}
		}
		_ = child.Process.Signal(syscall.SIGKILL)
		_ = child.Wait()
		for l := range lines { // what it printed before dying
			switch {
			case strings.HasPrefix(l, "done "):
				lastDone, lastIntent = strings.TrimPrefix(l, "done "), ""
				reported++
			case strings.HasPrefix(l, "intent "):
				lastIntent = strings.TrimPrefix(l, "intent ")
			}
		}
		got := crashState(t, dir)
		if got != lastDone && got != lastIntent {
			t.Fatalf("round %d (killed after %v, %d statements reported): reopened state %q, want last committed %q or in-flight %q",
				round, wait, reported, got, lastDone, lastIntent)
		}
		prev, prevIntent = got, got
		t.Logf("round %d: killed after %v, %d statements done, state %s", round, wait, reported, got)
	}
}

// crashState opens the database, reads every row and returns "count sum
// sumsq" of the test table ("none" when it was never created).
func crashState(t *testing.T, dir string) string {
	t.Helper()
	ctx := context.Background()
	db, err := Open(ctx, dir, Config{Slices: 2})
	if err != nil {
		t.Fatalf("reopen: %v", err)
	}
	defer db.Close()
	rows, err := db.Query(ctx, "select count(*), coalesce(sum(v), 0), coalesce(sum(id::bigint * v), 0) from crash_t")
	if err != nil {
		if strings.Contains(err.Error(), "does not exist") {
			return "none"
		}
		t.Fatalf("reopened database: %v", err)
	}
	defer rows.Close()
	var n, s, sq int64
	if !rows.Next() {
		t.Fatalf("no row: %v", rows.Err())
	}
	if err := rows.Scan(&n, &s, &sq); err != nil {
		t.Fatal(err)
	}
	return fmt.Sprintf("%d %d %d", n, s, sq)
}

// TestCrashChild is the process TestCrashRecovery kills: it runs random
// writes forever, printing each statement's expected outcome before it runs
// ("intent") and after it committed ("done").
func TestCrashChild(t *testing.T) {
	dir := os.Getenv("WAREHOUSED_CRASH_DIR")
	if dir == "" {
		t.Skip("run by TestCrashRecovery")
	}
	var seed uint64
	fmt.Sscan(os.Getenv("WAREHOUSED_CRASH_SEED"), &seed)
	rng := rand.New(rand.NewPCG(seed, 99))
	ctx := context.Background()
	db, err := Open(ctx, dir, Config{Slices: 2})
	if err != nil {
		fmt.Fprintln(os.Stderr, "child open:", err)
		os.Exit(2)
	}
	c, err := db.Connect(ctx)
	if err != nil {
		os.Exit(2)
	}
	must := func(sql string) {
		if _, err := c.Exec(ctx, sql); err != nil {
			fmt.Fprintln(os.Stderr, "child:", sql, err)
			os.Exit(3)
		}
	}
	state := func(where string) string {
		q := "select count(*), coalesce(sum(v), 0), coalesce(sum(id::bigint * v), 0) from crash_t"
		if where != "" {
			q = "select count(*), coalesce(sum(v), 0), coalesce(sum(id::bigint * v), 0) from (" + where + ") x"
		}
		rows, err := c.Query(ctx, q)
		if err != nil {
			fmt.Fprintln(os.Stderr, "child state:", err)
			os.Exit(3)
		}
		defer rows.Close()
		var n, s, sq int64
		rows.Next()
		rows.Scan(&n, &s, &sq)
		return fmt.Sprintf("%d %d %d", n, s, sq)
	}
	if _, err := c.Exec(ctx, "create table if not exists crash_t (id int, v int, pad varchar(40)) distkey(id) sortkey(id)"); err != nil {
		os.Exit(3)
	}
	fmt.Printf("done %s\n", state(""))
	file := filepath.Join(dir, "..", fmt.Sprintf("crash-%d.csv", seed))
	for i := 0; ; i++ {
		lo := rng.IntN(100000)
		switch rng.IntN(6) {
		case 0, 1: // COPY a file of new rows
			n := 20000 + rng.IntN(60000)
			var sb strings.Builder
			for r := range n {
				fmt.Fprintf(&sb, "%d,%d,row %d of copy %d\n", lo+r, (r%97)+1, r, i)
			}
			if err := os.WriteFile(file, []byte(sb.String()), 0o644); err != nil {
				os.Exit(3)
			}
			fmt.Printf("intent %s\n", state(fmt.Sprintf(
				"select id, v from crash_t union all select g, (g - %d) %% 97 + 1 from generate_series(%d, %d) g", lo, lo, lo+n-1)))
			must(fmt.Sprintf("copy crash_t from '%s' csv", file))
		case 2: // INSERT ... SELECT
			fmt.Printf("intent %s\n", state("select id, v from crash_t union all select id + 7, v from crash_t where id % 5 = 1"))
			must("insert into crash_t select id + 7, v, pad from crash_t where id % 5 = 1")
		case 3: // DELETE
			fmt.Printf("intent %s\n", state(fmt.Sprintf("select id, v from crash_t where not (id %% 11 = %d)", lo%11)))
			must(fmt.Sprintf("delete from crash_t where id %% 11 = %d", lo%11))
		case 4: // UPDATE
			fmt.Printf("intent %s\n", state(fmt.Sprintf("select id, case when id %% 13 = %d then v + 1 else v end as v from crash_t", lo%13)))
			must(fmt.Sprintf("update crash_t set v = v + 1 where id %% 13 = %d", lo%13))
		case 5: // VACUUM: same rows, rewritten
			fmt.Printf("intent %s\n", state(""))
			must([]string{"vacuum crash_t", "vacuum delete only crash_t", "vacuum sort only crash_t"}[rng.IntN(3)])
		}
		fmt.Printf("done %s\n", state(""))
	}
}
