package bench

import (
	"bytes"
	"os"
	"runtime/metrics"
	"strconv"
	"time"
)

// Memory metrics read while queries run.
const (
	heapObjectsMetric = "/memory/classes/heap/objects:bytes"
	heapAllocsMetric  = "/gc/heap/allocs:bytes"
	memSamplePeriod   = 5 * time.Millisecond
)

// memSampler measures the peak memory of the process while a query runs:
// the resident set's high-water mark (VmHWM, reset through
// /proc/self/clear_refs so it covers only this query; sampled VmRSS where
// that is not possible) and the largest Go heap seen by sampling.
type memSampler struct {
	stop, done chan struct{}
	hwmReset   bool
	pageSize   int64
	peakHeap   uint64 // written by the sampling goroutine until done
	peakRSS    int64
	samples    []metrics.Sample
}

// startMemSampler resets the high-water mark and starts sampling.
func startMemSampler() *memSampler {
	m := &memSampler{
		stop:     make(chan struct{}),
		done:     make(chan struct{}),
		pageSize: int64(os.Getpagesize()),
		samples:  []metrics.Sample{{Name: heapObjectsMetric}},
	}
	// "5" resets the peak RSS counter of the process (Linux 4.0+).
	m.hwmReset = os.WriteFile("/proc/self/clear_refs", []byte("5"), 0) == nil
	m.sample()
	go func() {
		defer close(m.done)
		t := time.NewTicker(memSamplePeriod)
		defer t.Stop()
		for {
			select {
			case <-m.stop:
				m.sample()
				return
			case <-t.C:
				m.sample()
			}
		}
	}()
	return m
}

func (m *memSampler) sample() {
	metrics.Read(m.samples)
	if v := m.samples[0].Value; v.Kind() == metrics.KindUint64 {
		m.peakHeap = max(m.peakHeap, v.Uint64())
	}
	if !m.hwmReset {
		m.peakRSS = max(m.peakRSS, m.rss())
	}
}

// rss reads the resident set size from /proc/self/statm (0 when unavailable).
func (m *memSampler) rss() int64 {
	b, err := os.ReadFile("/proc/self/statm")
	if err != nil {
		return 0
	}
	f := bytes.Fields(b)
	if len(f) < 2 {
		return 0
	}
	pages, err := strconv.ParseInt(string(f[1]), 10, 64)
	if err != nil {
		return 0
	}
	return pages * m.pageSize
}

// finish stops sampling and returns the peak resident set and Go heap in bytes.
func (m *memSampler) finish() (peakRSS, peakHeap int64) {
	close(m.stop)
	<-m.done
	if m.hwmReset {
		if hwm := statusKB("VmHWM:"); hwm > 0 {
			m.peakRSS = hwm * 1024
		} else {
			m.peakRSS = m.rss()
		}
	}
	return m.peakRSS, int64(m.peakHeap)
}

// statusKB reads a "Name:  N kB" line of /proc/self/status (0 when absent).
func statusKB(name string) int64 {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	i := bytes.Index(b, []byte(name))
	if i < 0 {
		return 0
	}
	f := bytes.Fields(b[i+len(name):])
	if len(f) == 0 {
		return 0
	}
	n, _ := strconv.ParseInt(string(f[0]), 10, 64)
	return n
}

// heapObjects is the size of the Go heap's objects (live and not yet swept).
func heapObjects() int64 {
	s := []metrics.Sample{{Name: heapObjectsMetric}}
	metrics.Read(s)
	if s[0].Value.Kind() != metrics.KindUint64 {
		return 0
	}
	return int64(s[0].Value.Uint64())
}

// allocatedBytes is the total number of bytes the Go heap has allocated so far.
func allocatedBytes() uint64 {
	s := []metrics.Sample{{Name: heapAllocsMetric}}
	metrics.Read(s)
	if s[0].Value.Kind() != metrics.KindUint64 {
		return 0
	}
	return s[0].Value.Uint64()
}
