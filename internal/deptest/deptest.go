// Package deptest checks the import layering of DESIGN.md §2 and STYLE.md §3.1:
// imports point downward only, with a few explicit bans. The check lives in
// deptest_test.go; this file holds the rules so they read as a table.
package deptest

import (
	"fmt"
	"strings"
)

// Module is the module path every internal import starts with.
const Module = "github.com/warehoused/warehoused"

// levels assigns each top-level component (the first path element under the
// module root, "" for the root package) a level; a package may import
// packages of a strictly lower level, and anything inside its own component.
//
//	cmd → pgwire, bench → root → planner → exec, spectrum, snapshot →
//	storage, catalog → vector, sql, wlm → types → sqlerr
var levels = map[string]int{
	"sqlerr":                0,
	"types":                 1, // types.Parse returns SQLSTATE errors
	"vector":                2,
	"wlm":                   2,
	"sql":                   2,
	"storage":               3,
	"load":                  3, // COPY file readers (text, CSV, gzip/zstd) → batches; beside storage
	"catalog":               3,
	"exec":                  4,
	"spectrum":              4,
	"snapshot":              4,
	"planner":               5,
	"":                      6, // the root package: the embedding API
	"pgwire":                7,
	"bench":                 7,
	"internal/sqllogictest": 7,
	"cmd":                   8,
}

// testLevel is the level of internal/* test-support packages other than
// sqllogictest: they may import anything.
const testLevel = 100

// ban is an import a package may never make even when levels allow it.
type ban struct {
	from   string // package (or package tree, ending in "/...")
	to     string // imported package (or tree)
	reason string
}

// bans are the explicit rules of DESIGN.md §2 and STYLE.md §3.1.
var bans = []ban{
	{"exec/...", "planner/...", "exec is built from plain values, never from plans"},
	{"exec/...", "catalog/...", "exec never imports catalog"},
	{"exec/...", "sql/...", "exec never imports sql"},
	{"exec/...", "", "exec never imports the root package"},
	{"storage/...", "catalog/...", "storage never imports catalog"},
	{"storage/...", "exec/...", "storage never imports exec"},
	{"planner/plan/...", "planner/bind/...", "planner/plan imports no other planner sub-package"},
	{"planner/plan/...", "planner/rules/...", "planner/plan imports no other planner sub-package"},
	{"planner/plan/...", "planner/cost/...", "planner/plan imports no other planner sub-package"},
	{"planner/plan/...", "planner/physical/...", "planner/plan imports no other planner sub-package"},
	{"planner/plan/...", "planner", "planner/plan imports no other planner package"},
	{"catalog/...", "storage/...", "catalog and storage are peers"},
	{"wlm/...", "sql/...", "wlm is pure scheduling and knows nothing of SQL"},
	{"wlm/...", "vector/...", "wlm is pure scheduling"},
}

// onlyTypes lists packages that may import no internal package but types.
var onlyTypes = []string{"sql/ast"}

// externalOnly restricts third-party or std packages to some importers.
var externalOnly = map[string][]string{
	"github.com/pganalyze/pg_query_go/v6": {"sql/..."}, // the rest sees our own AST
	"flag":                                {"cmd/..."}, // only cmd reads flags (STYLE §3.1 rule 5)
}

// component returns the top-level component of a module-relative path.
func component(rel string) string {
	if rel == "" {
		return ""
	}
	if strings.HasPrefix(rel, "internal/") {
		parts := strings.SplitN(rel, "/", 3)
		if len(parts) >= 2 {
			return parts[0] + "/" + parts[1]
		}
	}
	c, _, _ := strings.Cut(rel, "/")
	return c
}

// level returns the level of a module-relative package path.
func level(rel string) (int, bool) {
	c := component(rel)
	if l, ok := levels[c]; ok {
		return l, true
	}
	if strings.HasPrefix(c, "internal/") {
		return testLevel, true
	}
	return 0, false
}

// matches reports whether rel is pattern, or lies under it for "x/...".
func matches(pattern, rel string) bool {
	if p, ok := strings.CutSuffix(pattern, "/..."); ok {
		return rel == p || strings.HasPrefix(rel, p+"/")
	}
	return rel == pattern
}

// Check returns why the import from → to (full import paths) breaks the
// layering, or "" when it is allowed.
func Check(from, to string) string {
	fromRel, ok := strings.CutPrefix(from, Module)
	if !ok {
		return ""
	}
	fromRel = strings.TrimPrefix(fromRel, "/")
	toRel, internal := strings.CutPrefix(to, Module)
	if !internal {
		for pkg, allowed := range externalOnly {
			if to != pkg && !strings.HasPrefix(to, pkg+"/") {
				continue
			}
			if !anyMatch(allowed, fromRel) {
				return fmt.Sprintf("%s may be imported only by %v", pkg, allowed)
			}
		}
		return ""
	}
	toRel = strings.TrimPrefix(toRel, "/")
	for _, p := range onlyTypes {
		if matches(p, fromRel) && toRel != "types" {
			return fmt.Sprintf("%s may import only types", p)
		}
	}
	for _, b := range bans {
		if matches(b.from, fromRel) && matches(b.to, toRel) {
			return b.reason
		}
	}
	fl, ok1 := level(fromRel)
	tl, ok2 := level(toRel)
	if !ok1 {
		return fmt.Sprintf("package %q is not in the layering table (add it to internal/deptest)", fromRel)
	}
	if !ok2 {
		return fmt.Sprintf("package %q is not in the layering table (add it to internal/deptest)", toRel)
	}
	if fromRel != "" && component(fromRel) == component(toRel) {
		return "" // inside one component (parent → child, siblings); Go forbids cycles
	}
	if tl >= fl {
		return fmt.Sprintf("%s (level %d) may not import %s (level %d): imports point downward only", name(fromRel), fl, name(toRel), tl)
	}
	return ""
}

func anyMatch(patterns []string, rel string) bool {
	for _, p := range patterns {
		if matches(p, rel) {
			return true
		}
	}
	return false
}

func name(rel string) string {
	if rel == "" {
		return "the root package"
	}
	return rel
}
