package sqllogictest

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// TestFiles lists the .test and .test_slow files under dir, sorted.
func TestFiles(dir string) ([]string, error) {
	var files []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() && (strings.HasSuffix(p, ".test") || strings.HasSuffix(p, ".test_slow")) {
			files = append(files, p)
		}
		return nil
	})
	slices.Sort(files)
	return files, err
}

// OpenFunc opens a fresh session on a fresh database for one run of a file,
// under the given config (e.g. {"batch-size": "7"}). Cleanup goes through t.Cleanup.
type OpenFunc func(t *testing.T, cfg map[string]string) Session

// RunDir runs every file under dir as parallel subtests named by their path
// relative to dir (without extension) and, under that, by config.
// .test_slow files are skipped in -short mode. With rewrite set, each file is
// rewritten in place with the results of its first config run.
func RunDir(t *testing.T, dir string, r *Runner, open OpenFunc, perFile time.Duration) {
	files, err := TestFiles(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(files) == 0 {
		t.Fatalf("no .test files under %s", dir)
	}
	for _, path := range files {
		rel, _ := filepath.Rel(dir, path)
		name := strings.TrimSuffix(strings.TrimSuffix(filepath.ToSlash(rel), ".test_slow"), ".test")
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			if strings.HasSuffix(path, ".test_slow") && testing.Short() {
				t.Skip("slow file skipped in -short mode")
			}
			f, err := ParseFile(path)
			if err != nil {
				t.Fatal(err)
			}
			for i, cfg := range f.ConfigRuns() {
				t.Run(ConfigName(cfg), func(t *testing.T) {
					ctx, cancel := context.WithTimeout(context.Background(), perFile)
					defer cancel()
					s := open(t, cfg)
					rr := *r
					rr.Rewrite = r.Rewrite && i == 0
					out := rr.RunFile(ctx, f, s)
					for _, fl := range out.Failures {
						t.Error(fl.String())
					}
					if rr.Rewrite {
						text := strings.Join(out.Lines, "\n") + "\n"
						if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
							t.Fatal(err)
						}
					}
					t.Logf("%s: %d records run, %d failed", rel, out.Ran, len(out.Failures))
				})
			}
		})
	}
}
