package block

import (
	"crypto/sha256"
	"encoding/hex"
)

// HashLen is the length of a content hash in hex digits.
const HashLen = 32

// Hash returns the content hash of data: SHA-256 truncated to 128 bits, in
// lower-case hex. Why SHA-256 and not xxh3-128: blocks hold user data, and
// the hash is the block's identity (dedup, snapshots copying only what they
// lack), so two different blocks must never share a name even when a user
// crafts the data; xxh3 collisions can be constructed, SHA-256's cannot. With
// the SHA instructions of current CPUs (Go uses them) it hashes at GB/s,
// well above what the encodings produce. 128 bits keep file names short and
// still make accidental collisions impossible in practice.
func Hash(data []byte) string {
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:HashLen/2])
}

// validHash reports whether h has the form Hash produces, so a name from a
// (possibly damaged) manifest can never point outside the blocks directory.
func validHash(h string) bool {
	if len(h) != HashLen {
		return false
	}
	for i := 0; i < len(h); i++ {
		c := h[i]
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f') {
			return false
		}
	}
	return true
}
