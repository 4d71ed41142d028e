package load

import "encoding/binary"

// internCache shares one string among the equal values of a column with few
// distinct values (flags, modes, categories), so that millions of rows cost
// their string headers only. It is direct-mapped: a value whose slot holds
// another value simply replaces it. Each parser has its own, per field.
type internCache struct {
	on    bool
	slots [internSlots]string
}

const internSlots = 256

// lookup returns the interned string equal to x, if any.
func (c *internCache) lookup(x []byte) (string, bool) {
	s := c.slots[internHash(x)]
	if s == string(x) {
		return s, true
	}
	return "", false
}

// add interns a copy of x.
func (c *internCache) add(x []byte) string {
	s := string(x)
	c.slots[internHash(x)] = s
	return s
}

// internHash mixes the length and the first and last 8 bytes of x.
func internHash(x []byte) uint8 {
	var h uint64
	if len(x) >= 8 {
		h = binary.LittleEndian.Uint64(x) ^ binary.LittleEndian.Uint64(x[len(x)-8:])*0x9E3779B97F4A7C15
	} else {
		for _, b := range x {
			h = h<<8 | uint64(b)
		}
	}
	h ^= uint64(len(x)) * 0xC2B2AE3D27D4EB4F
	h *= 0xFF51AFD7ED558CCD
	return uint8(h >> 56)
}
