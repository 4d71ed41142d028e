package load

import (
	"bytes"

	"github.com/warehoused/warehoused/sqlerr"
)

// span locates one field's text: data[lo:hi] of the chunk, or scratch[lo:hi]
// when the field had to be rewritten (escapes, doubled quotes).
type span struct {
	lo, hi int32
	fl     uint8
}

const (
	flNull    = 1 << iota // the raw text was the NULL marker (set only for rewritten fields)
	flQuoted              // a CSV quoted field: never NULL, never a dropped trailing field
	flScratch             // the text lives in the parser's scratch buffer
)

// splitBatch cuts up to BatchSize lines of data, from pos on, into p.spans
// (column-major) and p.rowOff. It returns the new position, the number of
// rows, and the error of a malformed line (which is row n).
func (p *parser) splitBatch(data []byte, pos int) (int, int, *rowErr) {
	p.scratch = p.scratch[:0]
	n := 0
	for n < p.o.BatchSize && pos < len(data) {
		start := pos
		var err *rowErr
		if p.csv {
			if p.nf != 1 && (data[pos] == '\n' || data[pos] == '\r' && pos+1 < len(data) && data[pos+1] == '\n') {
				pos = bytes.IndexByte(data[pos:], '\n') + pos + 1
				continue // blank line
			}
			pos, err = p.splitCSV(data, pos, n)
		} else {
			end := bytes.IndexByte(data[pos:], '\n')
			if end < 0 {
				end = len(data)
			} else {
				end += pos
			}
			pos = end + 1
			hi := end
			if hi > start && data[hi-1] == '\r' {
				hi--
			}
			if hi == start && p.nf != 1 {
				continue // blank line
			}
			err = p.splitText(data, start, hi, n)
		}
		if err != nil {
			err.off = start
			return pos, n, err
		}
		p.rowOff[n] = int32(start)
		n++
	}
	return pos, n, nil
}

// rowErr is a malformed line or bad value in a batch: off is the line's
// offset in the chunk, col the column name.
type rowErr struct {
	off int
	col string
	err error
}

// setField stores field k of row n, or just counts it past the last column.
func (p *parser) setField(k, n int, s span) {
	if k < p.nf {
		p.spans[k*p.o.BatchSize+n] = s
	}
}

// checkCount applies the field count rules once a line is split into k fields
// whose last one was last.
func (p *parser) checkCount(k, n int, last span) *rowErr {
	if k == p.nf+1 && last.lo == last.hi && last.fl&flQuoted == 0 {
		k-- // a trailing delimiter at the end of the line
	}
	if k > p.nf {
		return &rowErr{err: sqlerr.Newf(sqlerr.BadCopyFileFormat, "extra data after last expected column")}
	}
	if k < p.nf {
		name := p.fields[k].Name
		return &rowErr{col: name, err: sqlerr.Newf(sqlerr.BadCopyFileFormat, "missing data for column \"%s\"", name)}
	}
	return nil
}

// splitText splits the text-format line data[lo:hi] into row n.
func (p *parser) splitText(data []byte, lo, hi, n int) *rowErr {
	if p.o.Escapes && bytes.IndexByte(data[lo:hi], '\\') >= 0 {
		return p.splitTextEscaped(data, lo, hi, n)
	}
	d := p.o.Delim
	spans, bs := p.spans, p.o.BatchSize
	end := p.nf * bs // index of field nf: past the last column
	k, at := 0, n    // field number and its index in spans
	start := lo
	for i, c := range data[lo:hi] {
		if c == d {
			if at < end {
				spans[at] = span{lo: int32(start), hi: int32(lo + i)}
			}
			k++
			at += bs
			start = lo + i + 1
		}
	}
	last := span{lo: int32(start), hi: int32(hi)}
	if at < end {
		spans[at] = last
	}
	return p.checkCount(k+1, n, last)
}

// splitTextEscaped is splitText for a line with backslash escapes: fields
// that hold a backslash are unescaped into scratch.
func (p *parser) splitTextEscaped(data []byte, lo, hi, n int) *rowErr {
	d := p.o.Delim
	ln := data[lo:hi]
	k := 0
	var last span
	for {
		i := indexUnescaped(ln, d)
		f := ln
		if i >= 0 {
			f = ln[:i]
		}
		off := int32(hi - len(ln))
		last = span{lo: off, hi: off + int32(len(f))}
		if string(f) == p.o.Null {
			last.fl = flNull
		} else if bytes.IndexByte(f, '\\') >= 0 {
			s0 := len(p.scratch)
			p.scratch = unescape(p.scratch, f)
			last = span{lo: int32(s0), hi: int32(len(p.scratch)), fl: flScratch}
		}
		p.setField(k, n, last)
		k++
		if i < 0 {
			break
		}
		ln = ln[i+1:]
	}
	return p.checkCount(k, n, last)
}

// indexUnescaped finds d not preceded by an escaping backslash.
func indexUnescaped(s []byte, d byte) int {
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' {
			i++
			continue
		}
		if s[i] == d {
			return i
		}
	}
	return -1
}

// unescape appends s with PostgreSQL text-format escapes processed to dst.
func unescape(dst, s []byte) []byte {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c != '\\' || i+1 == len(s) {
			dst = append(dst, c)
			continue
		}
		i++
		switch s[i] {
		case 'n':
			dst = append(dst, '\n')
		case 't':
			dst = append(dst, '\t')
		case 'r':
			dst = append(dst, '\r')
		case 'b':
			dst = append(dst, '\b')
		case 'f':
			dst = append(dst, '\f')
		case 'v':
			dst = append(dst, '\v')
		default:
			dst = append(dst, s[i])
		}
	}
	return dst
}

// splitCSV reads the CSV record at data[pos:] into row n and returns the
// offset after it.
func (p *parser) splitCSV(data []byte, pos, n int) (int, *rowErr) {
	d, q := p.o.Delim, p.o.Quote
	i := pos
	k := 0
	var last span
	for {
		if i < len(data) && data[i] == q {
			i++
			j := bytes.IndexByte(data[i:], q)
			if j < 0 {
				return len(data), &rowErr{err: sqlerr.Newf(sqlerr.BadCopyFileFormat, "unterminated CSV quoted field")}
			}
			if i+j+1 < len(data) && data[i+j+1] == q {
				// Doubled quotes inside: rewrite into scratch.
				s0 := len(p.scratch)
				for {
					p.scratch = append(p.scratch, data[i:i+j]...)
					i += j + 1
					if i < len(data) && data[i] == q {
						p.scratch = append(p.scratch, q)
						i++
						j = bytes.IndexByte(data[i:], q)
						if j < 0 {
							return len(data), &rowErr{err: sqlerr.Newf(sqlerr.BadCopyFileFormat, "unterminated CSV quoted field")}
						}
						continue
					}
					break
				}
				last = span{lo: int32(s0), hi: int32(len(p.scratch)), fl: flQuoted | flScratch}
			} else {
				last = span{lo: int32(i), hi: int32(i + j), fl: flQuoted}
				i += j + 1
			}
		} else {
			j := i
			for j < len(data) && data[j] != d && data[j] != '\n' {
				j++
			}
			hi := j
			if hi > i && data[hi-1] == '\r' {
				hi--
			}
			last = span{lo: int32(i), hi: int32(hi)}
			i = j
		}
		p.setField(k, n, last)
		k++
		if i >= len(data) {
			return i, p.checkCount(k, n, last)
		}
		switch data[i] {
		case d:
			i++
		case '\n':
			return i + 1, p.checkCount(k, n, last)
		case '\r':
			if i+1 < len(data) && data[i+1] == '\n' {
				return i + 2, p.checkCount(k, n, last)
			}
			return i, &rowErr{err: sqlerr.Newf(sqlerr.BadCopyFileFormat, "unexpected carriage return in CSV data")}
		default:
			return i, &rowErr{err: sqlerr.Newf(sqlerr.BadCopyFileFormat, "extra data after closing quote")}
		}
	}
}
