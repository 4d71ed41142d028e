package physical

import (
	"fmt"
	"strings"

	"github.com/warehoused/warehoused/exec"
	"github.com/warehoused/warehoused/planner/plan"
)

// Per-slice memory of operators that run once but consume every slice's
// input in parallel, each into state of its own (hash aggregate, sort,
// top-N: exec.SliceMemoryReporter). Their line has one pipeline, so the
// per-slice memory gets a slices line of its own:
//
//	slices: [0] mem=120 kB [1] mem=118 kB ...
//
// Slice 0 also holds the combined or merged state.

// sliceMemOf returns the per-slice peaks recorded in s, nil if none.
func sliceMemOf(s *exec.OpStats) []int64 {
	if p := s.SliceMemory.Load(); p != nil {
		return *p
	}
	return nil
}

// addSliceMem adds b to a element by element (two such operators folded
// into one plan node).
func addSliceMem(a, b []int64) []int64 {
	if len(b) == 0 {
		return a
	}
	out := append([]int64(nil), a...)
	for i, v := range b {
		if i < len(out) {
			out[i] += v
		} else {
			out = append(out, v)
		}
	}
	return out
}

// sliceMemLine is the slices line of a single-pipeline operator with
// per-slice memory, "" otherwise.
func sliceMemLine(actual []sliceStat) string {
	if len(actual) != 1 || len(actual[0].sliceMem) < 2 {
		return ""
	}
	var sb strings.Builder
	sb.WriteString("slices:")
	for i, m := range actual[0].sliceMem {
		fmt.Fprintf(&sb, " [%d] mem=%s", i, kb(m))
	}
	return sb.String()
}

// carryMemory returns ss, n's counters that replace old, the counters of the
// node folded into the same line (a Project over an Aggregate or Window), with
// old's memory when ss has none: the memory is the inner operator's.
func carryMemory(ss, old []sliceStat) []sliceStat {
	if len(old) == 0 {
		return ss
	}
	for _, s := range ss {
		if s.memKnown {
			return ss
		}
	}
	for i, o := range old {
		if !o.memKnown {
			continue
		}
		j := i
		if len(old) != len(ss) {
			j = 0
		}
		ss[j].mem += o.mem
		ss[j].memKnown = true
		ss[j].sliceMem = addSliceMem(ss[j].sliceMem, o.sliceMem)
	}
	return ss
}

// heldOnlyLine is a detail line with the memory of n's stateful operators
// when n has no counters of its own (a Sort built as the top-N of the Limit
// above it), "" otherwise.
func (a *Analysis) heldOnlyLine(n plan.Node) string {
	if a == nil {
		return ""
	}
	a.mu.Lock()
	held := a.held[n]
	a.mu.Unlock()
	if len(held) == 0 {
		return ""
	}
	var mem int64
	var per []int64
	for _, h := range held {
		mem += h.PeakMemory.Load()
		per = addSliceMem(per, sliceMemOf(h))
	}
	l := "Peak memory: " + kb(mem)
	if sl := sliceMemLine([]sliceStat{{sliceMem: per}}); sl != "" {
		l += ", " + sl
	}
	return l
}
