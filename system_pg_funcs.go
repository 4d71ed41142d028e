package warehoused

import (
	"strings"
	"sync"
	"time"

	"github.com/warehoused/warehoused/catalog"
	"github.com/warehoused/warehoused/exec"
	"github.com/warehoused/warehoused/sqlerr"
	"github.com/warehoused/warehoused/storage"
)

// processStart is pg_postmaster_start_time(): when this process loaded the
// engine. Set once at start-up and only read afterwards.
var processStart = time.Now()

// sessionCatalog answers exec's catalog functions over one statement's view
// of the session: its transaction's catalog and search path.
type sessionCatalog struct {
	c    *Conn
	st   *dbState
	path []string
	// roles is computed once per statement: pg_get_userbyid runs per row.
	roles func() []pgRole
}

// catalogFuncs returns the catalog hook for a statement's EvalContext.
func (c *Conn) catalogFuncs() exec.CatalogFuncs {
	if c.tx == nil || c.tx.work == nil {
		return nil
	}
	st := c.tx.work
	return &sessionCatalog{c: c, st: st, path: c.searchPath(), roles: sync.OnceValue(func() []pgRole { return c.roles(st) })}
}

// splitQualified splits a possibly schema-qualified, possibly quoted name
// as the reg* input functions do: unquoted parts are lower-cased.
func splitQualified(s string) ([]string, bool) {
	var parts []string
	var cur strings.Builder
	quoted, wasQuoted := false, false
	for i := 0; i < len(s); i++ {
		ch := s[i]
		switch {
		case quoted && ch == '"' && i+1 < len(s) && s[i+1] == '"':
			cur.WriteByte('"')
			i++
		case ch == '"':
			quoted = !quoted
			wasQuoted = true
		case !quoted && ch == '.':
			parts = append(parts, cur.String())
			cur.Reset()
		case !quoted && !wasQuoted:
			cur.WriteString(strings.ToLower(string(ch)))
		default:
			cur.WriteByte(ch)
		}
	}
	if quoted {
		return nil, false
	}
	parts = append(parts, cur.String())
	for i := range parts {
		parts[i] = strings.TrimSpace(parts[i])
		if parts[i] == "" {
			return nil, false
		}
	}
	return parts, true
}

func (s *sessionCatalog) LookupOID(kind exec.OIDKind, name string) (int64, error) {
	name = strings.TrimSpace(name)
	switch kind {
	case exec.OIDClass:
		parts, ok := splitQualified(name)
		if !ok || len(parts) > 3 {
			return 0, sqlerr.Newf(sqlerr.InvalidName, "invalid name syntax")
		}
		schema := ""
		if len(parts) > 1 {
			schema = parts[len(parts)-2]
		}
		t, err := s.st.cat.Lookup(schema, parts[len(parts)-1], s.path)
		if err != nil {
			return 0, sqlerr.Newf(sqlerr.UndefinedTable, "relation \"%s\" does not exist", name)
		}
		return int64(t.ID), nil
	case exec.OIDType:
		base := name
		if i := strings.IndexByte(base, '('); i > 0 {
			if j := strings.IndexByte(base, ')'); j > i {
				base = base[:i] + base[j+1:]
			}
		}
		if t, ok := exec.PgTypeByName(base); ok {
			return t.OID, nil
		}
		return 0, sqlerr.Newf(sqlerr.UndefinedObject, "type \"%s\" does not exist", name)
	case exec.OIDProc:
		base := name
		if i := strings.IndexByte(base, '('); i > 0 {
			base = base[:i]
		}
		parts, ok := splitQualified(base)
		if ok {
			if p, ok := exec.ProcByName(parts[len(parts)-1]); ok {
				return p.OID, nil
			}
		}
		return 0, sqlerr.Newf(sqlerr.UndefinedFunction, "function \"%s\" does not exist", name)
	case exec.OIDNamespace:
		parts, ok := splitQualified(name)
		if ok && len(parts) == 1 {
			if _, ok := s.st.cat.Schema(parts[0]); ok {
				return namespaceOID(parts[0]), nil
			}
		}
		return 0, sqlerr.Newf(sqlerr.UndefinedSchema, "schema \"%s\" does not exist", name)
	case exec.OIDRole:
		parts, ok := splitQualified(name)
		if ok && len(parts) == 1 {
			for _, r := range s.roles() {
				if r.name == parts[0] {
					return r.oid, nil
				}
			}
		}
		return 0, sqlerr.Newf(sqlerr.UndefinedObject, "role \"%s\" does not exist", name)
	}
	return 0, sqlerr.Newf(sqlerr.FeatureNotSupported, "unsupported OID type")
}

func (s *sessionCatalog) OIDName(kind exec.OIDKind, oid int64) (string, bool) {
	switch kind {
	case exec.OIDClass:
		t := s.st.cat.ByID(catalog.TableID(oid))
		if t == nil || oid < 0 {
			return "", false
		}
		name := quoteIdentSQL(t.Name)
		if !s.TableVisible(oid) {
			name = quoteIdentSQL(t.Schema) + "." + name
		}
		return name, true
	case exec.OIDType:
		if _, ok := exec.PgTypeByOID(oid); ok {
			return exec.FormatPgType(oid, -1), true
		}
	case exec.OIDProc:
		if p, ok := exec.ProcByOID(oid); ok {
			return p.Name, true
		}
	case exec.OIDNamespace:
		for _, sc := range s.st.cat.Schemas() {
			if namespaceOID(sc.Name) == oid {
				return quoteIdentSQL(sc.Name), true
			}
		}
	case exec.OIDRole:
		for _, r := range s.roles() {
			if r.oid == oid {
				return r.name, true
			}
		}
	}
	return "", false
}

func (s *sessionCatalog) TableVisible(oid int64) bool {
	t := s.st.cat.ByID(catalog.TableID(oid))
	if t == nil || oid < 0 {
		return false
	}
	found, err := s.st.cat.Lookup("", t.Name, s.path)
	return err == nil && found.ID == t.ID
}

// Description looks the object up directly (col_description runs per row).
func (s *sessionCatalog) Description(objoid int64, cat string, subid int64) (string, bool) {
	cat = strings.ToLower(cat)
	if cat == "" || cat == "pg_class" {
		if t := s.st.cat.ByID(catalog.TableID(objoid)); t != nil && objoid >= 0 {
			switch {
			case subid == 0 && t.Comment != "":
				return t.Comment, true
			case subid > 0 && subid <= int64(len(t.Columns)) && t.Columns[subid-1].Comment != "":
				return t.Columns[subid-1].Comment, true
			}
			return "", false
		}
	}
	if (cat == "" || cat == "pg_namespace") && subid == 0 {
		for _, sc := range s.st.cat.Schemas() {
			if namespaceOID(sc.Name) == objoid && sc.Comment != "" {
				return sc.Comment, true
			}
		}
	}
	return "", false
}

func (s *sessionCatalog) ConstraintDef(oid int64) (string, bool) {
	visible := func(t *catalog.Table) bool { return s.TableVisible(int64(t.ID)) }
	for _, c := range constraints(s.st) {
		if c.oid == oid {
			return constraintDef(s.st, c, visible)
		}
	}
	return "", false
}

func (s *sessionCatalog) IndexDef(oid, col int64) (string, bool) {
	for _, c := range constraints(s.st) {
		if c.index == oid && c.index != 0 {
			return indexDef(c, col, func(t *catalog.Table) bool { return s.TableVisible(int64(t.ID)) })
		}
	}
	return "", false
}

func (s *sessionCatalog) ViewDef(oid int64) (string, bool) {
	t := s.st.cat.ByID(catalog.TableID(oid))
	if t == nil || t.Kind != catalog.KindView {
		return "", false
	}
	return t.ViewSQL, true
}

func (s *sessionCatalog) RelationSize(oid int64) int64 {
	if oid == exec.DatabaseSizeOID {
		var total int64
		for id := range s.st.data {
			total += s.RelationSize(int64(id))
		}
		return total
	}
	if d := s.st.data[catalog.TableID(oid)]; d != nil {
		if info, ok := d.tab.(storage.Described); ok {
			return info.Info().Bytes
		}
	}
	return 0
}

func (s *sessionCatalog) SetConfig(name, value string, local bool) (string, error) {
	if err := s.c.settings.set(name, value); err != nil {
		return "", err
	}
	v, _ := s.c.settings.get(name)
	return v, nil
}

func (s *sessionCatalog) StartTime() time.Time { return processStart }

func (s *sessionCatalog) BackendPID() int64 { return s.c.id }

// quoteIdentSQL double-quotes an identifier unless it is a plain lower-case name.
func quoteIdentSQL(s string) string {
	plain := s != "" && (s[0] == '_' || (s[0] >= 'a' && s[0] <= 'z'))
	for i := 0; plain && i < len(s); i++ {
		ch := s[i]
		plain = ch == '_' || ch == '$' || (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9')
	}
	if plain {
		return s
	}
	return `"` + strings.ReplaceAll(s, `"`, `""`) + `"`
}
