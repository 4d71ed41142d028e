package storage

import (
	"context"
	"runtime"
	"runtime/debug"
	"sync"

	"github.com/warehoused/warehoused/sqlerr"
)

// workPool runs encode/sort/merge jobs on GOMAXPROCS goroutines. Submit
// blocks while every worker is busy and the queue is full, which bounds how
// many buffered row groups a writer holds. The first error (or recovered
// panic: a panic on a goroutine of ours would end the whole process) is kept
// and later jobs are skipped.
type workPool struct {
	ctx     context.Context
	jobs    chan func(context.Context) error
	wg      sync.WaitGroup // workers
	pending sync.WaitGroup // submitted jobs not yet done
	mu      sync.Mutex
	err     error
	done    bool
}

func newWorkPool(ctx context.Context) *workPool {
	n := runtime.GOMAXPROCS(0)
	// Unbuffered: a job waits in Submit, not in a queue, so the rows held
	// are those of running jobs plus the submitter's buffers.
	p := &workPool{ctx: ctx, jobs: make(chan func(context.Context) error)}
	p.wg.Add(n)
	for i := 0; i < n; i++ {
		go p.work()
	}
	return p
}

func (p *workPool) work() {
	defer p.wg.Done()
	for job := range p.jobs {
		if p.Err() == nil {
			p.fail(runJob(p.ctx, job))
		}
		p.pending.Done()
	}
}

func runJob(ctx context.Context, job func(context.Context) error) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = sqlerr.Newf(sqlerr.InternalError, "internal error: %v", r).WithDetail("%s", debug.Stack())
		}
	}()
	if err := ctxErr(ctx); err != nil {
		return err
	}
	return job(ctx)
}

func (p *workPool) fail(err error) {
	if err == nil {
		return
	}
	p.mu.Lock()
	if p.err == nil {
		p.err = err
	}
	p.mu.Unlock()
}

// Err returns the first error of a job so far.
func (p *workPool) Err() error {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.err
}

// Submit queues job; it returns the pool's error instead once there is one.
func (p *workPool) Submit(job func(context.Context) error) error {
	if err := p.Err(); err != nil {
		return err
	}
	p.pending.Add(1)
	select {
	case p.jobs <- job:
		return nil
	case <-p.ctx.Done():
		p.pending.Done()
		return sqlerr.Canceled(p.ctx)
	}
}

// Drain waits for every submitted job and returns the first error.
func (p *workPool) Drain() error {
	p.pending.Wait()
	return p.Err()
}

// Wait runs every queued job to its end, stops the workers and returns the
// first error. The pool takes no jobs afterwards.
func (p *workPool) Wait() error {
	p.mu.Lock()
	if !p.done {
		p.done = true
		close(p.jobs)
	}
	p.mu.Unlock()
	p.wg.Wait()
	return p.Err()
}
