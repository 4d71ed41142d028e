// Package encoding holds Redshift's column compression encodings. Each
// encoding turns the values of one column block into bytes and back; NULLs are
// not its concern (the block layer keeps the NULL bitmap and passes NULL slots
// as zero values). Decoding writes straight into a vector's typed slice with
// plain loops, never one call per row.
package encoding

import (
	"github.com/warehoused/warehoused/sqlerr"
	"github.com/warehoused/warehoused/types"
	"github.com/warehoused/warehoused/vector"
)

// Kind is one column encoding (the ENCODE name of CREATE TABLE).
type Kind uint8

// The encodings, in Redshift's names. Values are stored in block headers:
// never renumber.
const (
	Raw Kind = iota
	AZ64
	Bytedict
	Delta
	Delta32K
	Mostly8
	Mostly16
	Mostly32
	Runlength
	Text255
	Text32K
	LZO // served by LZ4
	Zstd
	numKinds
)

var names = [...]string{"raw", "az64", "bytedict", "delta", "delta32k", "mostly8", "mostly16", "mostly32",
	"runlength", "text255", "text32k", "lzo", "zstd"}

// String returns the lower-case ENCODE name.
func (k Kind) String() string {
	if int(k) < len(names) {
		return names[k]
	}
	return "unknown"
}

// Kinds lists every encoding.
func Kinds() []Kind {
	out := make([]Kind, numKinds)
	for i := range out {
		out[i] = Kind(i)
	}
	return out
}

// Parse maps an ENCODE name (any case) to its Kind. "auto" is not a Kind:
// callers resolve it with Auto. Unknown names are 42704.
func Parse(name string) (Kind, error) {
	for i, n := range names {
		if equalFold(n, name) {
			return Kind(i), nil
		}
	}
	return 0, sqlerr.Newf(sqlerr.UndefinedObject, "unknown compression encoding \"%s\"", name)
}

func equalFold(a, b string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := 0; i < len(a); i++ {
		x, y := a[i], b[i]
		if 'A' <= y && y <= 'Z' {
			y += 'a' - 'A'
		}
		if x != y {
			return false
		}
	}
	return true
}

// CONTRACT (implemented in the other files of this package):
//
//   // Supports reports whether k can encode columns of type t (Redshift's
//   // table of valid encodings per type; Raw, LZO and Zstd take every type).
//   func Supports(k Kind, t types.T) bool
//
//   // Auto is ENCODE AUTO's choice: RAW for the first sort key column, AZ64
//   // for integers, dates, timestamps and DECIMAL, LZO for strings (ZSTD for
//   // long VARCHAR), RAW for BOOLEAN and floats, as Redshift does.
//   func Auto(t types.T, firstSortKey bool) Kind
//
//   // Encode appends the encoding of v's rows [from, to) to dst. NULL rows
//   // hold whatever value the vector has there; encoders may treat them as
//   // zero/empty. Fails with 0A000 when !Supports(k, v.Type), and when a
//   // value does not fit (MOSTLY8 with a wide value is not an error: the
//   // exceptions are stored; TEXT255 with a >255-byte word is not either).
//   func Encode(k Kind, v *vector.Vector, from, to int, dst []byte) ([]byte, error)
//
//   // Decode fills rows [0, n) of out (already sized: vector.New(t, n)) from
//   // src. Corrupt input is an error (XX001 data_corrupted), never a panic.
//   func Decode(k Kind, src []byte, n int, out *vector.Vector) error
//
//   // Estimate returns the encoded size in bytes of v's rows [from, to) under k
//   // (for ANALYZE COMPRESSION; may encode for real).
//   func Estimate(k Kind, v *vector.Vector, from, to int) (int, error)
var (
	_ = types.Int64Type
	_ = (*vector.Vector)(nil)
)
