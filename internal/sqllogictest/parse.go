package sqllogictest

import (
	"fmt"
	"os"
	"strings"
)

// ParseFile reads and parses one .test file.
func ParseFile(path string) (*File, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return Parse(path, string(data))
}

// Parse parses the text of a .test file; path is used in error messages.
func Parse(path, text string) (*File, error) {
	text = strings.ReplaceAll(text, "\r\n", "\n")
	lines := strings.Split(text, "\n")
	if n := len(lines); n > 0 && lines[n-1] == "" {
		lines = lines[:n-1]
	}
	f := &File{Path: path, Lines: lines, Configs: map[string][]string{}}
	var skipIf, onlyIf []string
	i := 0
	for i < len(lines) {
		line := strings.TrimSpace(lines[i])
		if line == "" {
			i++
			continue
		}
		if strings.HasPrefix(line, "#") {
			if c, ok := strings.CutPrefix(line, "# config:"); ok {
				if err := parseConfig(f.Configs, c); err != nil {
					return nil, fmt.Errorf("%s:%d: %v", path, i+1, err)
				}
			}
			i++
			continue
		}
		fields := strings.Fields(line)
		switch fields[0] {
		case "hash-threshold", "mode", "load":
			i++
			continue
		case "skipif", "onlyif":
			if len(fields) < 2 {
				return nil, fmt.Errorf("%s:%d: %s needs an engine name", path, i+1, fields[0])
			}
			if fields[0] == "skipif" {
				skipIf = append(skipIf, fields[1])
			} else {
				onlyIf = append(onlyIf, fields[1])
			}
			i++
			continue
		case "halt":
			f.Records = append(f.Records, &Record{Kind: KindHalt, Line: i + 1, HeaderLine: i, SkipIf: skipIf, OnlyIf: onlyIf})
			skipIf, onlyIf = nil, nil
			i++
			continue
		case "statement", "query":
			parse := parseStatement
			if fields[0] == "query" {
				parse = parseQuery
			}
			r, next, err := parse(path, lines, i, fields)
			if err != nil {
				return nil, err
			}
			r.SkipIf, r.OnlyIf = skipIf, onlyIf
			skipIf, onlyIf = nil, nil
			f.Records = append(f.Records, r)
			i = next
		default:
			return nil, fmt.Errorf("%s:%d: unknown record %q", path, i+1, fields[0])
		}
	}
	return f, nil
}

// parseConfig reads "k=v1,v2 k2=v3" into m.
func parseConfig(m map[string][]string, s string) error {
	for _, kv := range strings.Fields(s) {
		k, v, ok := strings.Cut(kv, "=")
		if !ok || k == "" || v == "" {
			return fmt.Errorf("bad config %q (want key=v1,v2)", kv)
		}
		m[k] = append(m[k], strings.Split(v, ",")...)
	}
	return nil
}

// parseErrorSpec reads "[pgcode XXXXX] [regex]" from the words after "error".
func parseErrorSpec(r *Record, rest string) {
	rest = strings.TrimSpace(rest)
	if code, ok := strings.CutPrefix(rest, "pgcode "); ok {
		code = strings.TrimSpace(code)
		c, re, _ := strings.Cut(code, " ")
		r.ErrCode = c
		rest = strings.TrimSpace(re)
	}
	r.ErrRegex = rest
}

// sqlLines collects SQL lines from i until a blank line or "----".
func sqlLines(lines []string, i int) (sql string, next int) {
	var b []string
	for i < len(lines) {
		l := lines[i]
		if strings.TrimSpace(l) == "" || strings.TrimSpace(l) == "----" {
			break
		}
		b = append(b, l)
		i++
	}
	return strings.Join(b, "\n"), i
}

func parseStatement(path string, lines []string, i int, fields []string) (*Record, int, error) {
	r := &Record{Kind: KindStatement, Line: i + 1, HeaderLine: i, ResultStart: -1}
	if len(fields) < 2 {
		return nil, 0, fmt.Errorf("%s:%d: statement needs ok or error", path, i+1)
	}
	switch fields[1] {
	case "ok", "count":
	case "error":
		r.ExpectError = true
		_, after, _ := strings.Cut(strings.TrimSpace(lines[i]), "error")
		parseErrorSpec(r, after)
	default:
		return nil, 0, fmt.Errorf("%s:%d: statement %q: want ok or error", path, i+1, fields[1])
	}
	sql, next := sqlLines(lines, i+1)
	if sql == "" {
		return nil, 0, fmt.Errorf("%s:%d: statement without SQL", path, i+1)
	}
	r.SQL = sql
	r.SQLEnd = next
	return r, next, nil
}

func parseQuery(path string, lines []string, i int, fields []string) (*Record, int, error) {
	r := &Record{Kind: KindQuery, Line: i + 1, HeaderLine: i, ResultStart: -1}
	if len(fields) < 2 {
		return nil, 0, fmt.Errorf("%s:%d: query needs column types", path, i+1)
	}
	if fields[1] == "error" {
		r.ExpectError = true
		_, after, _ := strings.Cut(strings.TrimSpace(lines[i]), "error")
		parseErrorSpec(r, after)
	} else {
		r.Types = fields[1]
		for _, c := range r.Types {
			if !strings.ContainsRune("ITRBD", c) {
				return nil, 0, fmt.Errorf("%s:%d: unknown column type %q (want I, T, R, B or D)", path, i+1, c)
			}
		}
		for _, w := range fields[2:] {
			switch w {
			case "nosort":
				r.Sort = NoSort
			case "rowsort":
				r.Sort = RowSort
			case "valuesort":
				r.Sort = ValueSort
			default:
				r.Label = w
			}
		}
	}
	sql, next := sqlLines(lines, i+1)
	if sql == "" {
		return nil, 0, fmt.Errorf("%s:%d: query without SQL", path, i+1)
	}
	r.SQL = sql
	r.SQLEnd = next
	if next < len(lines) && strings.TrimSpace(lines[next]) == "----" {
		next++
		r.ResultStart = next
		for next < len(lines) && strings.TrimSpace(lines[next]) != "" {
			r.Expected = append(r.Expected, lines[next])
			next++
		}
		r.ResultEnd = next
	}
	return r, next, nil
}
