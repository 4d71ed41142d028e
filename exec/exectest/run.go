package exectest

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/warehoused/warehoused/exec"
	"github.com/warehoused/warehoused/sqlerr"
	"github.com/warehoused/warehoused/types"
)

// DefaultBatchSizes are the batch sizes Run feeds inputs at (and sets as
// EvalContext.BatchSize), to shake out batch-boundary bugs.
var DefaultBatchSizes = []int{1, 3, 7, 1024}

// Input is one input of an operator under test.
type Input struct {
	Types []types.T
	Rows  [][]types.Datum
}

// Case is one operator test.
type Case struct {
	Name   string
	Inputs []Input
	// Make builds the operator under test over one source per input.
	Make func(ec *exec.EvalContext, inputs []exec.Operator) exec.Operator
	Want [][]types.Datum
	// Ordered compares rows in order; otherwise as multisets.
	Ordered bool
	// WantErr is the SQLSTATE the operator must fail with ("" for success).
	WantErr sqlerr.Code
	// WantAllNull, when non-nil, is also checked with every input value
	// replaced by NULL (Ordered applies).
	WantAllNull [][]types.Datum
	// BatchSizes overrides DefaultBatchSizes.
	BatchSizes []int
}

// Run runs every case at each batch size, checking results, errors, the
// Operator contract (batch shape, nil after the end, idempotent Close) and
// that every input was closed.
func Run(t *testing.T, cases []Case) {
	t.Helper()
	for _, c := range cases {
		sizes := c.BatchSizes
		if sizes == nil {
			sizes = DefaultBatchSizes
		}
		for _, bs := range sizes {
			t.Run(fmt.Sprintf("%s/bs=%d", c.Name, bs), func(t *testing.T) {
				runOne(t, c, c.Inputs, bs, c.Want)
			})
			if c.WantAllNull != nil {
				t.Run(fmt.Sprintf("%s/allnull/bs=%d", c.Name, bs), func(t *testing.T) {
					runOne(t, c, allNull(c.Inputs), bs, c.WantAllNull)
				})
			}
		}
	}
}

func runOne(t *testing.T, c Case, inputs []Input, bs int, want [][]types.Datum) {
	t.Helper()
	ec := &exec.EvalContext{BatchSize: bs}
	srcs := make([]*Source, len(inputs))
	ops := make([]exec.Operator, len(inputs))
	for i, in := range inputs {
		srcs[i] = NewSource(in.Types, in.Rows, bs)
		ops[i] = srcs[i]
	}
	op := c.Make(ec, ops)
	got, err := Drain(context.Background(), op)
	if err2 := op.Close(); err2 != nil {
		t.Errorf("second Close: %v", err2)
	}
	if c.WantErr != "" {
		if sqlerr.CodeOf(err) != c.WantErr {
			t.Fatalf("error = %v (%s), want SQLSTATE %s", err, sqlerr.CodeOf(err), c.WantErr)
		}
		return
	}
	if err != nil {
		t.Fatalf("unexpected error: %v", err)
	}
	for i, s := range srcs {
		if s.Opened && s.Closed == 0 {
			t.Errorf("input %d opened but never closed", i)
		}
	}
	if msg := Diff(got, want, c.Ordered); msg != "" {
		t.Fatal(msg)
	}
}

func allNull(ins []Input) []Input {
	out := make([]Input, len(ins))
	for i, in := range ins {
		rows := make([][]types.Datum, len(in.Rows))
		for j, r := range in.Rows {
			rows[j] = make([]types.Datum, len(r))
		}
		out[i] = Input{Types: in.Types, Rows: rows}
	}
	return out
}

// Diff compares rows (as multisets unless ordered) and describes the
// difference, or returns "" when they match.
func Diff(got, want [][]types.Datum, ordered bool) string {
	g, w := keys(got), keys(want)
	if !ordered {
		slices.Sort(g)
		slices.Sort(w)
	}
	if slices.Equal(g, w) {
		return ""
	}
	return fmt.Sprintf("got %d rows:\n  %s\nwant %d rows:\n  %s", len(g), strings.Join(g, "\n  "), len(w), strings.Join(w, "\n  "))
}

func keys(rows [][]types.Datum) []string {
	out := make([]string, len(rows))
	for i, r := range rows {
		parts := make([]string, len(r))
		for j, d := range r {
			if d == nil {
				parts[j] = "NULL"
			} else {
				parts[j] = fmt.Sprintf("%T(%v)", d, d)
			}
		}
		out[i] = "(" + strings.Join(parts, ", ") + ")"
	}
	return out
}

// R builds a row, converting Go ints to int64 for brevity.
func R(vals ...any) []types.Datum {
	r := make([]types.Datum, len(vals))
	for i, v := range vals {
		if x, ok := v.(int); ok {
			r[i] = int64(x)
		} else {
			r[i] = v
		}
	}
	return r
}

// Ints builds one-column rows of int64 values; nil entries are NULL.
func Ints(vals ...any) [][]types.Datum {
	out := make([][]types.Datum, len(vals))
	for i, v := range vals {
		out[i] = R(v)
	}
	return out
}

// In is shorthand for an Input.
func In(ts []types.T, rows [][]types.Datum) Input { return Input{Types: ts, Rows: rows} }
