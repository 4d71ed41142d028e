package bench

import (
	"context"
	"io"
	"testing"
)

// BenchmarkGenerateSF01 generates all eight tables at SF0.1 (about 100 MB
// of text) to io.Discard with all cores.
func BenchmarkGenerateSF01(b *testing.B) {
	b.ReportAllocs()
	var n int64
	for b.Loop() {
		for _, table := range Tables {
			cw := &countWriter{}
			if err := GenerateTable(context.Background(), 0.1, table, 0, cw); err != nil {
				b.Fatal(err)
			}
			n += cw.n
		}
	}
	b.SetBytes(n / int64(b.N))
}

type countWriter struct{ n int64 }

func (c *countWriter) Write(p []byte) (int, error) { c.n += int64(len(p)); return len(p), nil }

var _ io.Writer = (*countWriter)(nil)
