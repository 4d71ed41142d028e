// Package encoding holds Redshift's column compression encodings. Each
// encoding turns the values of one column block into bytes and back; NULLs are
// not its concern (the block layer keeps the NULL bitmap and passes NULL slots
// as zero values). Decoding writes straight into a vector's typed slice with
// plain loops, never one call per row.
package encoding

import (
	"github.com/warehoused/warehoused/sqlerr"
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

// Supports, Auto, Encode, Decode and Estimate, the package's entry points,
// live in api.go; each encoding has its own file.
