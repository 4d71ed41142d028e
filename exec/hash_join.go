package exec

import (
	"context"
	"sync"
	"sync/atomic"

	"github.com/warehoused/warehoused/sqlerr"
	"github.com/warehoused/warehoused/types"
	"github.com/warehoused/warehoused/vector"
)

// hashJoinShared is the state every probe operator of one hash join shares:
// the build input, built once into a hash table, and the matched flags of
// build rows for Right and Full joins.
type hashJoinShared struct {
	build    Operator
	spec     JoinSpec
	buildTs  []types.T
	once     sync.Once
	tbl      *hashTable
	err      error
	probes   int
	mu       sync.Mutex
	closed   int          // probe operators closed (under mu)
	matched  []bool       // merged build-row matched flags (under mu)
	finished atomic.Int32 // probe operators that reached the end of their input
}

// ensureBuilt builds the hash table on the first call; later callers wait
// for it and share its result or error.
func (sh *hashJoinShared) ensureBuilt(ctx context.Context) error {
	sh.once.Do(func() {
		st := newColStore(sh.buildTs)
		err := sh.build.Open(ctx)
		if err == nil {
			err = drainInto(ctx, sh.build, st)
		}
		if cerr := sh.build.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			sh.err = err
			return
		}
		sh.tbl = buildHashTable(st, sh.spec.BuildKeys, sh.spec.NullEq)
		if tracksBuild(sh.spec.Type) {
			sh.matched = make([]bool, st.n)
		}
	})
	return sh.err
}

// release notes one probe operator closed; the last one closes the build
// input if it was never built (the Once keeps this from racing a build).
func (sh *hashJoinShared) release() {
	sh.mu.Lock()
	sh.closed++
	last := sh.closed == sh.probes
	sh.mu.Unlock()
	if last {
		sh.once.Do(func() {
			sh.err = sqlerr.Newf(sqlerr.InternalError, "hash join: closed before it was built")
			sh.build.Close()
		})
		sh.tbl = nil
	}
}

// finishProbe merges one probe's build-row matched flags and reports whether
// it was the last probe to finish (which then emits the unmatched build rows).
func (sh *hashJoinShared) finishProbe(local []bool) bool {
	if local != nil {
		sh.mu.Lock()
		for r, m := range local {
			if m {
				sh.matched[r] = true
			}
		}
		sh.mu.Unlock()
	}
	return int(sh.finished.Add(1)) == sh.probes
}

// NewHashJoin joins each probe input with one shared hash table built from
// build. It returns one operator per probe input, to be run in parallel; they
// share the build (built once, by whichever is opened first) and, for
// JoinRight/JoinFull, exactly one of them emits the unmatched build rows after
// all probes finished.
func NewHashJoin(ec *EvalContext, probes []Operator, build Operator, spec JoinSpec) []Operator {
	sh := &hashJoinShared{build: build, spec: spec, buildTs: build.Types(), probes: len(probes)}
	ops := make([]Operator, len(probes))
	for i, p := range probes {
		pts := p.Types()
		ops[i] = &HashJoin{
			ec: ec, sh: sh, probe: p, spec: spec, probeTs: pts,
			ts: joinTypes(spec.Type, pts, sh.buildTs),
		}
	}
	return ops
}

// HashJoin is one probe side of a hash join.
type HashJoin struct {
	ec      *EvalContext
	sh      *hashJoinShared
	probe   Operator
	spec    JoinSpec
	probeTs []types.T
	ts      []types.T

	tbl      *hashTable
	state    uint8 // hjProbing, hjUnmatched, hjDone
	opened   bool
	closed   bool
	err      error
	p        probeBatch
	out      joinOut
	local    []bool    // build rows this probe matched (Right, Full)
	emitPos  int       // next build row to consider for unmatched output
	nullsAny bool      // the build side has a row with a NULL key
	fuse     filterUse // whether checking the join filter pays (hash_join_filter.go)
	// lastOut is the last batch returned; passProbe the probe batch whose
	// vectors it passed through (see recycle).
	lastOut, passProbe *vector.Batch
}

const (
	hjProbing uint8 = iota
	hjUnmatched
	hjDone
)

var _ Operator = (*HashJoin)(nil)

// Types implements Operator.
func (j *HashJoin) Types() []types.T { return j.ts }

// Open builds the shared hash table (or waits for it) and opens the probe input.
func (j *HashJoin) Open(ctx context.Context) error {
	if j.opened {
		return nil
	}
	j.opened = true
	if err := j.sh.ensureBuilt(ctx); err != nil {
		return err
	}
	j.tbl = j.sh.tbl
	if tracksBuild(j.spec.Type) {
		j.local = make([]bool, j.tbl.store.n)
	}
	return j.probe.Open(ctx)
}

// Next implements Operator.
func (j *HashJoin) Next(ctx context.Context) (*vector.Batch, error) {
	if j.err != nil {
		return nil, j.err
	}
	b, err := j.next(ctx)
	if err != nil {
		j.err = err
	}
	return b, err
}

func (j *HashJoin) next(ctx context.Context) (*vector.Batch, error) {
	if j.tbl == nil {
		return nil, sqlerr.Newf(sqlerr.InternalError, "hash join: Next before Open")
	}
	size := j.ec.Size()
	for {
		if err := ctx.Err(); err != nil {
			return nil, sqlerr.Canceled(ctx)
		}
		switch j.state {
		case hjDone:
			return nil, nil
		case hjUnmatched:
			if b := j.nextUnmatched(size); b != nil {
				return b, nil
			}
			j.state = hjDone
			continue
		}
		if j.p.b == nil {
			if j.tbl.store.n == 0 && (j.spec.Type == JoinInner || j.spec.Type == JoinSemi || j.spec.Type == JoinRight || isRightSemi(j.spec.Type)) {
				j.state = hjDone // nothing can match
				continue
			}
			b, err := j.probe.Next(ctx)
			if err != nil {
				return nil, err
			}
			if b == nil {
				j.state = hjDone
				if tracksBuild(j.spec.Type) && j.sh.finishProbe(j.local) {
					j.state = hjUnmatched
				}
				continue
			}
			if b.N == 0 {
				continue
			}
			j.p.start(j, b)
		}
		if err := j.p.step(j, size); err != nil {
			return nil, err
		}
		if j.out.len() >= size || j.p.b == nil {
			fb, final := j.p.flushBatch, j.p.b == nil
			b := j.out.flush(j.spec.Type, fb, j.probeTs, j.tbl.store, final)
			j.passProbe = nil
			if final && fb != nil {
				j.p.flushBatch = nil
				if sharesVector(b, fb) {
					j.passProbe = fb // handed back with b (see recycle)
				} else {
					// The probe batch is done with and the output copied
					// what it needed: its producer may reuse it.
					recycleBatch(j.probe, fb)
				}
			}
			if b != nil {
				j.lastOut = b
				return b, nil
			}
		}
	}
}

// nextUnmatched emits build rows no probe matched, with NULL probe columns
// (for JoinRightSemi: the build rows some probe matched, build columns only).
func (j *HashJoin) nextUnmatched(size int) *vector.Batch {
	m := j.sh.matched
	want := j.spec.Type == JoinRightSemi
	for j.emitPos < len(m) && j.out.len() < size {
		if m[j.emitPos] == want {
			j.out.probeSel = append(j.out.probeSel, -1)
			j.out.buildSel = append(j.out.buildSel, int32(j.emitPos))
		}
		j.emitPos++
	}
	return j.out.flush(j.spec.Type, nil, j.probeTs, j.tbl.store, false)
}

// recycle takes back the last batch returned: its vectors become the next
// output's, unless it passed probe vectors through, in which case the
// probe batch goes back to the probe input instead.
func (j *HashJoin) recycle(b *vector.Batch) {
	if b != j.lastOut {
		return
	}
	if j.passProbe != nil {
		recycleBatch(j.probe, j.passProbe)
	} else {
		j.out.spare = b
	}
	j.lastOut, j.passProbe = nil, nil
}

// Close closes the probe input and releases the shared build.
func (j *HashJoin) Close() error {
	if j.closed {
		return nil
	}
	j.closed = true
	err := j.probe.Close()
	j.sh.release()
	j.tbl, j.p, j.local = nil, probeBatch{}, nil
	return err
}
