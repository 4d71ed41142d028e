// Package tpchtest checks warehoused's answers to the 22 TPC-H queries against
// the reference answers in ../shared/tpch (see its README.md): the data is
// unpacked from the .tar.zst archives, loaded with Redshift-style COPY, and
// every query's rows compared in order (text exact after trimming CHAR
// blanks, numbers within a relative 1e-9 or equal at two decimals).
package tpchtest

import (
	"archive/tar"
	"encoding/csv"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/klauspost/compress/zstd"
)

// Tables are the TPC-H tables in load order.
var Tables = []string{"region", "nation", "supplier", "customer", "part", "partsupp", "orders", "lineitem"}

// Unpack extracts a .tar.zst archive into dir, returning the directory that
// holds the .tbl files (the archive has one top-level folder, e.g. sf0.01/).
func Unpack(archive, dir string) (string, error) {
	f, err := os.Open(archive)
	if err != nil {
		return "", err
	}
	defer f.Close()
	zr, err := zstd.NewReader(f)
	if err != nil {
		return "", err
	}
	defer zr.Close()
	tr := tar.NewReader(zr)
	tblDir := dir
	for {
		h, err := tr.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return "", fmt.Errorf("%s: %w", archive, err)
		}
		name := filepath.Clean(h.Name)
		if filepath.IsAbs(name) || strings.HasPrefix(name, "..") {
			return "", fmt.Errorf("%s: unsafe path %q", archive, h.Name)
		}
		target := filepath.Join(dir, name)
		switch h.Typeflag {
		case tar.TypeDir:
			if err := os.MkdirAll(target, 0o755); err != nil {
				return "", err
			}
		case tar.TypeReg:
			if err := os.MkdirAll(filepath.Dir(target), 0o755); err != nil {
				return "", err
			}
			out, err := os.Create(target)
			if err != nil {
				return "", err
			}
			if _, err := io.Copy(out, tr); err != nil {
				out.Close()
				return "", err
			}
			if err := out.Close(); err != nil {
				return "", err
			}
			if strings.HasSuffix(name, ".tbl") {
				tblDir = filepath.Dir(target)
			}
		}
	}
	return tblDir, nil
}

// SchemaStatements splits schema.sql into statements: each ends with ';' at
// the end of a line; "--" comment lines are dropped.
func SchemaStatements(text string) []string {
	var stmts []string
	var cur []string
	for _, line := range strings.Split(text, "\n") {
		t := strings.TrimSpace(line)
		if t == "" || strings.HasPrefix(t, "--") {
			continue
		}
		cur = append(cur, line)
		if strings.HasSuffix(t, ";") {
			s := strings.TrimSuffix(strings.TrimSpace(strings.Join(cur, "\n")), ";")
			stmts = append(stmts, s)
			cur = nil
		}
	}
	if len(cur) > 0 {
		stmts = append(stmts, strings.Join(cur, "\n"))
	}
	return stmts
}

// Answer is an expected result: a header and rows of CSV text.
type Answer struct {
	Header []string
	Rows   [][]string
}

// ReadAnswer reads answers/sfX/qNN.csv.
func ReadAnswer(path string) (*Answer, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	data, err := io.ReadAll(f)
	if err != nil {
		return nil, err
	}
	return ParseAnswer(path, string(data))
}

// ParseAnswer parses the text of an answer file. An empty line in a
// one-column answer is a row holding NULL (encoding/csv would skip it).
func ParseAnswer(path, text string) (*Answer, error) {
	recs, err := csv.NewReader(strings.NewReader(text)).ReadAll()
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if len(recs) == 0 {
		return nil, fmt.Errorf("%s: empty", path)
	}
	a := &Answer{Header: recs[0], Rows: recs[1:]}
	if len(a.Header) == 1 {
		lines := strings.Split(strings.TrimSuffix(text, "\n"), "\n")[1:]
		a.Rows = nil
		for _, l := range lines {
			r, err := csv.NewReader(strings.NewReader(l)).Read()
			if err == io.EOF {
				r, err = []string{""}, nil
			}
			if err != nil {
				return nil, fmt.Errorf("%s: %w", path, err)
			}
			a.Rows = append(a.Rows, r)
		}
	}
	return a, nil
}

// ValuesMatch compares one expected and one actual value: text exactly after
// trimming trailing blanks; numbers within a relative 1e-9 or equal when
// rounded to two decimals.
func ValuesMatch(exp, act string) bool {
	exp = strings.TrimRight(exp, " ")
	act = strings.TrimRight(act, " ")
	if exp == act {
		return true
	}
	x, err1 := strconv.ParseFloat(exp, 64)
	y, err2 := strconv.ParseFloat(act, 64)
	if err1 != nil || err2 != nil {
		return false
	}
	if math.Abs(x-y) <= 1e-9*math.Max(math.Abs(x), math.Abs(y)) {
		return true
	}
	return math.Round(x*100) == math.Round(y*100)
}

// RowsMatch compares rows in order; when that fails it retries with both
// sides sorted, since ties under a query's ORDER BY may come in any order.
// It returns "" on a match, else a description of the first difference.
func RowsMatch(exp, act [][]string) string {
	if len(exp) != len(act) {
		return fmt.Sprintf("%d rows, want %d", len(act), len(exp))
	}
	first := diff(exp, act)
	if first == "" {
		return ""
	}
	se, sa := sortedCopy(exp), sortedCopy(act)
	if diff(se, sa) == "" {
		return ""
	}
	return first
}

func diff(exp, act [][]string) string {
	for i := range exp {
		if len(exp[i]) != len(act[i]) {
			return fmt.Sprintf("row %d: %d columns, want %d", i+1, len(act[i]), len(exp[i]))
		}
		for j := range exp[i] {
			if !ValuesMatch(exp[i][j], act[i][j]) {
				return fmt.Sprintf("row %d column %d: got %q, want %q\n  got row:  %q\n  want row: %q", i+1, j+1, act[i][j], exp[i][j], act[i], exp[i])
			}
		}
	}
	return ""
}

func sortedCopy(rows [][]string) [][]string {
	out := make([][]string, len(rows))
	for i, r := range rows {
		c := make([]string, len(r))
		for j, v := range r {
			c[j] = strings.TrimRight(v, " ")
			if f, err := strconv.ParseFloat(c[j], 64); err == nil {
				c[j] = strconv.FormatFloat(math.Round(f*100)/100, 'f', 2, 64)
			}
		}
		out[i] = c
	}
	slices.SortFunc(out, slices.Compare)
	return out
}
