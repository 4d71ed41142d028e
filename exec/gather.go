package exec

import (
	"context"
	"sync"

	"github.com/warehoused/warehoused/sqlerr"
	"github.com/warehoused/warehoused/types"
	"github.com/warehoused/warehoused/vector"
)

// gatherMsg is one batch, or the error that ended an input.
type gatherMsg struct {
	b   *vector.Batch
	err error
}

// Gather runs each input in its own goroutine and yields their batches in
// arrival order: the in-process exchange.
type Gather struct {
	inputs []Operator
	ch     chan gatherMsg
	cancel context.CancelFunc
	wg     sync.WaitGroup
	live   int   // inputs still producing (counted by Next)
	err    error // first error seen; returned from then on
	opened bool
	closed bool
}

var _ Operator = (*Gather)(nil)

// NewGather runs every input in its own goroutine and yields their batches in
// any order (the in-process exchange).
func NewGather(inputs []Operator) Operator {
	if len(inputs) == 1 {
		return inputs[0] // nothing to parallelise: no goroutine
	}
	return &Gather{inputs: inputs}
}

// Types implements Operator.
func (g *Gather) Types() []types.T {
	if len(g.inputs) == 0 {
		return nil
	}
	return g.inputs[0].Types()
}

// Open starts one goroutine per input; each opens and drains its input.
func (g *Gather) Open(ctx context.Context) error {
	if g.opened {
		return nil
	}
	g.opened = true
	gctx, cancel := context.WithCancel(ctx)
	g.cancel = cancel
	g.ch = make(chan gatherMsg, 2*len(g.inputs))
	g.live = len(g.inputs)
	for _, in := range g.inputs {
		g.wg.Add(1)
		go g.run(gctx, in)
	}
	return nil
}

// run drains one input into the channel; it always ends with exactly one
// message carrying a nil batch (end, or the error).
func (g *Gather) run(ctx context.Context, in Operator) {
	defer g.wg.Done()
	err := g.drain(ctx, in)
	select {
	case g.ch <- gatherMsg{err: err}:
	case <-ctx.Done():
	}
}

// drain sends in's batches to the channel until the end, an error or a panic.
func (g *Gather) drain(ctx context.Context, in Operator) (err error) {
	defer recoverInto(&err)
	err = in.Open(ctx)
	for err == nil {
		var b *vector.Batch
		b, err = in.Next(ctx)
		if err != nil || b == nil {
			break
		}
		select {
		case g.ch <- gatherMsg{b: b}:
		case <-ctx.Done():
			err = sqlerr.Canceled(ctx)
		}
	}
	if cerr := in.Close(); err == nil {
		err = cerr
	}
	return err
}

// Next returns the next batch from any input.
func (g *Gather) Next(ctx context.Context) (*vector.Batch, error) {
	if g.err != nil {
		return nil, g.err
	}
	for g.live > 0 {
		select {
		case <-ctx.Done():
			g.fail(sqlerr.Canceled(ctx))
			return nil, g.err
		case m := <-g.ch:
			if m.b != nil {
				return m.b, nil
			}
			g.live--
			if m.err != nil {
				g.fail(m.err)
				return nil, g.err
			}
		}
	}
	return nil, nil
}

// fail records the first error and stops the other inputs.
func (g *Gather) fail(err error) {
	g.err = err
	g.cancel()
}

// Close stops every goroutine, waits for them, and closes the inputs.
func (g *Gather) Close() error {
	if g.closed {
		return nil
	}
	g.closed = true
	if g.cancel != nil {
		g.cancel()
	}
	g.wg.Wait()
	var first error
	for _, in := range g.inputs {
		if err := in.Close(); err != nil && first == nil {
			first = err
		}
	}
	return first
}
