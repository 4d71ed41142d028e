package bind

import (
	"strings"

	"github.com/warehoused/warehoused/planner/plan"
	"github.com/warehoused/warehoused/sqlerr"
	"github.com/warehoused/warehoused/types"
)

// scopeCol is one column visible to name resolution.
type scopeCol struct {
	qual     string // relation alias ("" for merged USING columns)
	name     string
	id       plan.ColumnID
	typ      types.T
	nullable bool
	noStar   bool // left out of an unqualified * (a USING column's side copies)
	noUnqual bool // not found by an unqualified name (shadowed by the merged column)
}

// scope is the set of columns one query level can name. parent is the
// enclosing query's scope (for correlated references); outerRefs collects the
// columns found in a parent, i.e. the correlation of this level.
type scope struct {
	cols      []scopeCol
	parent    *scope
	outerRefs map[plan.ColumnID]bool
	// rels lists the relation aliases in this level (also those with no columns).
	rels map[string]bool
}

func newScope(parent *scope) *scope {
	return &scope{parent: parent, outerRefs: map[plan.ColumnID]bool{}, rels: map[string]bool{}}
}

func (s *scope) add(cols ...scopeCol) {
	for _, c := range cols {
		if c.qual != "" {
			s.rels[c.qual] = true
		}
		s.cols = append(s.cols, c)
	}
}

// ids returns the set of column IDs local to s.
func (s *scope) ids() map[plan.ColumnID]bool {
	out := make(map[plan.ColumnID]bool, len(s.cols))
	for _, c := range s.cols {
		out[c.id] = true
	}
	return out
}

// lookupLocal finds parts in s only. found is false when the name is not
// here; err is set for ambiguity, or a qualifier that exists here without the column.
func (s *scope) lookupLocal(parts []string, loc int) (scopeCol, bool, error) {
	var qual, name string
	switch len(parts) {
	case 1:
		name = parts[0]
	case 2:
		qual, name = parts[0], parts[1]
	default:
		qual, name = parts[len(parts)-2], parts[len(parts)-1]
	}
	var hit *scopeCol
	for i := range s.cols {
		c := &s.cols[i]
		if c.name != name {
			continue
		}
		if qual == "" && c.noUnqual {
			continue
		}
		if qual != "" && c.qual != qual {
			continue
		}
		if hit != nil && hit.id != c.id {
			return scopeCol{}, false, errAt(sqlerr.Newf(sqlerr.AmbiguousColumn, "column reference \"%s\" is ambiguous", strings.Join(parts, ".")), loc)
		}
		hit = c
	}
	if hit != nil {
		return *hit, true, nil
	}
	if qual != "" && s.rels[qual] {
		return scopeCol{}, false, errAt(sqlerr.Newf(sqlerr.UndefinedColumn, "column %s.%s does not exist", qual, name), loc)
	}
	return scopeCol{}, false, nil
}

// resolve finds a column by name in s or an enclosing scope, recording
// correlation on every level crossed.
func (s *scope) resolve(parts []string, loc int) (scopeCol, error) {
	for cur := s; cur != nil; cur = cur.parent {
		c, found, err := cur.lookupLocal(parts, loc)
		if err != nil {
			return scopeCol{}, err
		}
		if found {
			for t := s; t != cur; t = t.parent {
				t.outerRefs[c.id] = true
			}
			return c, nil
		}
	}
	if len(parts) >= 2 {
		qual := parts[len(parts)-2]
		if !s.hasRel(qual) {
			return scopeCol{}, errAt(sqlerr.Newf(sqlerr.UndefinedTable, "missing FROM-clause entry for table \"%s\"", qual), loc)
		}
		return scopeCol{}, errAt(sqlerr.Newf(sqlerr.UndefinedColumn, "column %s does not exist", strings.Join(parts, ".")), loc)
	}
	return scopeCol{}, errAt(sqlerr.Newf(sqlerr.UndefinedColumn, "column \"%s\" does not exist", parts[0]), loc)
}

func (s *scope) hasRel(q string) bool {
	for cur := s; cur != nil; cur = cur.parent {
		if cur.rels[q] {
			return true
		}
	}
	return false
}

// star expands * (qual "") or qual.*.
func (s *scope) star(qual string, loc int) ([]scopeCol, error) {
	var out []scopeCol
	if qual == "" {
		for _, c := range s.cols {
			if !c.noStar {
				out = append(out, c)
			}
		}
		if len(s.cols) == 0 {
			return nil, errAt(sqlerr.Newf(sqlerr.SyntaxError, "SELECT * with no tables specified is not valid"), loc)
		}
		return out, nil
	}
	if !s.rels[qual] {
		return nil, errAt(sqlerr.Newf(sqlerr.UndefinedTable, "missing FROM-clause entry for table \"%s\"", qual), loc)
	}
	for _, c := range s.cols {
		if c.qual == qual {
			out = append(out, c)
		}
	}
	return out, nil
}

func (c scopeCol) ref() *plan.ColRef { return &plan.ColRef{ID: c.id, Typ: c.typ, Name: c.name} }

// errAt attaches the 1-based position of AST location loc.
func errAt(e *sqlerr.Error, loc int) *sqlerr.Error {
	if loc >= 0 && e.Position == 0 {
		return e.WithPosition(loc + 1)
	}
	return e
}

func notSupported(format string, args ...any) *sqlerr.Error {
	return sqlerr.Newf(sqlerr.FeatureNotSupported, format, args...)
}
