package types

import "testing"

func BenchmarkParseDate(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := ParseDate("1998-12-01"); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkParseDecimal64(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := ParseDecimal64("12345.67", 15, 2); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkFormatDecimal128(b *testing.B) {
	v := MulInt64(1234567890123, 987654321)
	buf := make([]byte, 0, 64)
	b.ReportAllocs()
	for b.Loop() {
		buf = AppendDecimal128(buf[:0], v, 4)
	}
}
