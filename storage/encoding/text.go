package encoding

import (
	"cmp"
	"encoding/binary"
	"slices"
	"strings"
	"unsafe"
)

// TEXT255 and TEXT32K keep a per-block dictionary of words: each value is
// split on single spaces into words (so repeated, leading and trailing
// spaces become empty words and every string round-trips exactly), and each
// word becomes a dictionary index or a literal. Layout:
//
//	uvarint dictionary size d, then d words (uvarint length + bytes)
//	uvarint total bytes of all rows (the decoder allocates exactly once)
//	per row: uvarint word count k (0 for the empty string), then k codes
//
// TEXT255: 1-byte codes, at most 245 dictionary words of at most 255 bytes
// (Redshift's limits); code 255 is followed by a literal word (uvarint
// length + bytes). TEXT32K: 2-byte little-endian codes, dictionary words
// until 32K bytes of dictionary; code 0xFFFF precedes a literal. The
// dictionary holds the words that save the most bytes (frequency x length),
// only words seen at least twice.

type textParams struct {
	kind      Kind
	codeBytes int // 1 or 2
	maxWords  int // dictionary entries
	maxWord   int // longest word in the dictionary
	maxBytes  int // total dictionary bytes
	literal   int // code preceding a literal word
}

var (
	text255 = textParams{kind: Text255, codeBytes: 1, maxWords: 245, maxWord: 255, maxBytes: 245 * 255, literal: 0xFF}
	text32k = textParams{kind: Text32K, codeBytes: 2, maxWords: 0xFFFE, maxWord: 32 << 10, maxBytes: 32 << 10, literal: 0xFFFF}
)

func encodeText255(dst []byte, c *col) ([]byte, error) { return encodeText(dst, c.strs, &text255), nil }
func encodeText32K(dst []byte, c *col) ([]byte, error) { return encodeText(dst, c.strs, &text32k), nil }
func decodeText255(src []byte, c *col) error           { return decodeText(src, c.strs, &text255) }
func decodeText32K(src []byte, c *col) error           { return decodeText(src, c.strs, &text32k) }

func encodeText(dst []byte, rows []string, p *textParams) []byte {
	// Tokenise once: every word gets an id; rows become id sequences.
	ids := make(map[string]int32)
	var words []string
	var freq []int32
	var tokens []int32
	total := 0
	for _, s := range rows {
		total += len(s)
		if s == "" {
			continue
		}
		for w := range strings.SplitSeq(s, " ") {
			id, ok := ids[w]
			if !ok {
				id = int32(len(words))
				ids[w] = id
				words = append(words, w)
				freq = append(freq, 0)
			}
			freq[id]++
			tokens = append(tokens, id)
		}
	}
	var cand []int32
	for id, w := range words {
		if freq[id] >= 2 && len(w) <= p.maxWord {
			cand = append(cand, int32(id))
		}
	}
	gain := func(id int32) int { return int(freq[id]-1) * (len(words[id]) + 1) }
	slices.SortFunc(cand, func(a, b int32) int {
		if c := cmp.Compare(gain(b), gain(a)); c != 0 {
			return c
		}
		return strings.Compare(words[a], words[b]) // deterministic output
	})
	code := make([]int32, len(words))
	for i := range code {
		code[i] = int32(p.literal)
	}
	var dict []string
	dictBytes := 0
	for _, id := range cand {
		if len(dict) == p.maxWords {
			break
		}
		if dictBytes+len(words[id]) > p.maxBytes {
			continue
		}
		dictBytes += len(words[id])
		code[id] = int32(len(dict))
		dict = append(dict, words[id])
	}
	dst = appendStrs(binary.AppendUvarint(dst, uint64(len(dict))), dict)
	dst = binary.AppendUvarint(dst, uint64(total))
	t := 0
	for _, s := range rows {
		if s == "" {
			dst = append(dst, 0)
			continue
		}
		k := strings.Count(s, " ") + 1
		dst = binary.AppendUvarint(dst, uint64(k))
		for _, id := range tokens[t : t+k] {
			c := int(code[id])
			if p.codeBytes == 1 {
				dst = append(dst, byte(c))
			} else {
				dst = binary.LittleEndian.AppendUint16(dst, uint16(c))
			}
			if c == p.literal {
				dst = binary.AppendUvarint(dst, uint64(len(words[id])))
				dst = append(dst, words[id]...)
			}
		}
		t += k
	}
	return dst
}

func decodeText(src []byte, out []string, p *textParams) error {
	d, m := binary.Uvarint(src)
	if m <= 0 || d > uint64(p.maxWords) {
		return corrupt(p.kind, "bad dictionary size")
	}
	dict := make([]string, d)
	src, ok := readStrs(src[m:], dict)
	if !ok {
		return corrupt(p.kind, "truncated dictionary")
	}
	total, m := binary.Uvarint(src)
	// Each code byte expands to at most a dictionary word plus a space.
	longest := 0
	for _, w := range dict {
		longest = max(longest, len(w))
	}
	if m <= 0 || total > uint64(len(src))*uint64(longest+2) {
		return corrupt(p.kind, "bad total length")
	}
	src = src[m:]
	// Rows are assembled into one exactly sized buffer that becomes the
	// backing of every row's string: a block costs one allocation for all
	// its text however many rows it has.
	buf := make([]byte, 0, total)
	ends := make([]int, len(out))
	q := 0
	for i := range out {
		k, m := strLen(src[q:])
		if m <= 0 || k > uint64(len(src)-q-m)/uint64(p.codeBytes) {
			return corrupt(p.kind, "bad word count")
		}
		q += m
		for j := uint64(0); j < k; j++ {
			if j > 0 {
				buf = append(buf, ' ')
			}
			if len(src)-q < p.codeBytes {
				return corrupt(p.kind, "truncated codes")
			}
			var code int
			if p.codeBytes == 1 {
				code = int(src[q])
			} else {
				code = int(binary.LittleEndian.Uint16(src[q:]))
			}
			q += p.codeBytes
			var w string
			if code == p.literal {
				l, m := strLen(src[q:])
				if m <= 0 || l > uint64(len(src)-q-m) {
					return corrupt(p.kind, "bad literal word")
				}
				q += m
				if uint64(cap(buf)-len(buf)) < l {
					return corrupt(p.kind, "rows longer than their total")
				}
				buf = append(buf, src[q:q+int(l)]...)
				q += int(l)
				continue
			}
			if code >= len(dict) {
				return corrupt(p.kind, "code %d outside dictionary of %d", code, len(dict))
			}
			w = dict[code]
			if cap(buf)-len(buf) < len(w) {
				return corrupt(p.kind, "rows longer than their total")
			}
			buf = append(buf, w...)
		}
		if len(buf) > int(total) {
			return corrupt(p.kind, "rows longer than their total")
		}
		ends[i] = len(buf)
	}
	if q != len(src) || uint64(len(buf)) != total {
		return corrupt(p.kind, "lengths do not add up")
	}
	// buf is never written again, so viewing it as a string is safe.
	all := unsafe.String(unsafe.SliceData(buf), len(buf))
	start := 0
	for i, e := range ends {
		out[i] = all[start:e]
		start = e
	}
	return nil
}
