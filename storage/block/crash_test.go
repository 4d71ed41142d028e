package block

import (
	"bufio"
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/warehoused/warehoused/sqlerr"
	"github.com/warehoused/warehoused/storage/encoding"
	"github.com/warehoused/warehoused/types"
	"github.com/warehoused/warehoused/vector"
)

const crashDirEnv = "WAREHOUSED_BLOCK_CRASH_DIR"

// crashVector is the content of block i of root version v, so a reader can
// tell which commit a block belongs to.
func crashVector(v uint64, i int) *vector.Vector {
	vec := vector.New(types.Int64Type, 300)
	for r := range vec.Ints {
		vec.Ints[r] = int64(v)*1_000_000 + int64(i)*1000 + int64(r)
	}
	vec.SetNull(int(v) % 300)
	return vec
}

// TestHelperCommitLoop is the child of TestCrashRecovery: it commits roots
// in a loop, with blocks and a manifest each, until it is killed. Run alone
// it does nothing.
func TestHelperCommitLoop(t *testing.T) {
	dir := os.Getenv(crashDirEnv)
	if dir == "" {
		t.Skip("child process of TestCrashRecovery")
	}
	ctx := context.Background()
	s, err := Open(ctx, dir, Options{})
	if err != nil {
		fmt.Println("error", err)
		os.Exit(2)
	}
	fail := func(err error) {
		fmt.Println("error", err)
		os.Exit(2)
	}
	for range 100_000 {
		cur := s.Current()
		v := cur.Version + 1
		var hs []string
		for i := range 3 {
			data, _, err := Encode(crashVector(v, i), 0, 300, encoding.Raw)
			if err != nil {
				fail(err)
			}
			h, err := s.Put(ctx, data)
			if err != nil {
				fail(err)
			}
			hs = append(hs, h)
		}
		m, err := s.Put(ctx, manifest(hs...))
		if err != nil {
			fail(err)
		}
		r := Root{Version: v, Catalog: []byte(strconv.FormatUint(v, 10)), Tables: map[uint64]string{1: m}}
		if prev, ok := cur.Tables[1]; ok {
			r.Tables[2] = prev // the previous version's table stays reachable
		}
		if err := s.Commit(ctx, r); err != nil {
			fail(err)
		}
		fmt.Printf("committed %d\n", v)
		if v%4 == 0 {
			if _, err := s.GC(ctx, nil, manifestRefs); err != nil {
				fail(err)
			}
		}
	}
}

// TestCrashRecovery kills a committing child process at random moments and
// checks that the database reopens at the last root the child reported, or
// the one it was committing, with every block intact.
func TestCrashRecovery(t *testing.T) {
	if os.Getenv(crashDirEnv) != "" {
		t.Skip("in the child")
	}
	rounds := 20
	if testing.Short() {
		rounds = 5
	}
	dir := t.TempDir()
	rng := rand.New(rand.NewPCG(uint64(time.Now().UnixNano()), 1))
	last := uint64(0)
	for round := range rounds {
		cmd := exec.Command(os.Args[0], "-test.run=^TestHelperCommitLoop$", "-test.count=1")
		cmd.Env = append(os.Environ(), crashDirEnv+"="+dir)
		out, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		cmd.Stderr = os.Stderr
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		// Kill after a random number of commits and a random extra delay,
		// so the kill lands anywhere in Put, Commit or GC; every few rounds
		// at a random moment from the start, which may be inside Open.
		killAfter := 1 + rng.IntN(6)
		lines := bufio.NewScanner(out)
		seen, killed := 0, false
		if round%4 == 3 {
			killAfter = -1
			killed = true
			delay := time.Duration(rng.IntN(40)) * time.Millisecond
			time.AfterFunc(delay, func() { cmd.Process.Signal(syscall.SIGKILL) })
		}
		for lines.Scan() {
			line := lines.Text()
			if strings.HasPrefix(line, "error") {
				t.Fatalf("round %d: child: %s", round, line)
			}
			n, ok := strings.CutPrefix(line, "committed ")
			if !ok {
				continue
			}
			v, err := strconv.ParseUint(n, 10, 64)
			if err != nil {
				t.Fatalf("child said %q", line)
			}
			if v != last+1 {
				t.Fatalf("round %d: child committed %d after %d", round, v, last)
			}
			last = v
			seen++
			if round == 0 && seen == 1 && killAfter > 0 {
				// The child holds the LOCK: this process cannot open.
				_, err := Open(context.Background(), dir, Options{})
				if sqlerr.CodeOf(err) != sqlerr.ObjectInUse {
					t.Fatalf("Open while the child runs: %v, want 55006", err)
				}
			}
			if seen == killAfter && !killed {
				time.Sleep(time.Duration(rng.IntN(3000)) * time.Microsecond)
				cmd.Process.Signal(syscall.SIGKILL)
				killed = true
			}
		}
		err = cmd.Wait()
		if !killed {
			t.Fatalf("round %d: child ended on its own: %v", round, err)
		}
		got := checkCrashDir(t, dir)
		// The kill may land after a Commit returned but before the child
		// said so: one version past the last report is fine, nothing else.
		if got != last && got != last+1 {
			t.Fatalf("round %d: reopened at version %d, child last reported %d", round, got, last)
		}
		last = got
	}
}

// checkCrashDir reopens the database and reads everything the current root
// reaches, returning its version.
func checkCrashDir(t *testing.T, dir string) uint64 {
	t.Helper()
	ctx := context.Background()
	s, err := Open(ctx, dir, Options{})
	if err != nil {
		t.Fatalf("reopen after kill: %v", err)
	}
	defer s.Close()
	cur := s.Current()
	if string(cur.Catalog) != strconv.FormatUint(cur.Version, 10) && cur.Version != 0 {
		t.Fatalf("root %d has catalog %q", cur.Version, cur.Catalog)
	}
	for id, m := range cur.Tables {
		v := cur.Version
		if id == 2 {
			v--
		}
		data, err := s.Get(ctx, m)
		if err != nil {
			t.Fatalf("root %d table %d: %v", cur.Version, id, err)
		}
		hs, _ := manifestRefs(data)
		if len(hs) != 3 {
			t.Fatalf("manifest of root %d table %d lists %d blocks", cur.Version, id, len(hs))
		}
		for i, h := range hs {
			got, err := s.Block(ctx, h, types.Int64Type)
			if err != nil {
				t.Fatalf("root %d block %d: %v", cur.Version, i, err)
			}
			want := crashVector(v, i)
			sameRows(t, want, 0, want.Len(), got)
		}
	}
	return cur.Version
}
