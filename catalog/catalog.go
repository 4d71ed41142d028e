package catalog

import (
	"sort"
	"strings"

	"github.com/warehoused/warehoused/sqlerr"
)

// Built-in schema names.
const (
	PublicSchema      = "public"
	PgCatalog         = "pg_catalog"
	InformationSchema = "information_schema"
)

// SchemaDesc describes a schema.
type SchemaDesc struct {
	Name    string
	Owner   string
	Comment string
	System  bool // pg_catalog, information_schema: reserved
}

// Catalog is one immutable version of the database's schemas and relations.
// Changes are made on a Clone, which the transaction then installs; readers
// holding the old version never see them.
type Catalog struct {
	schemas map[string]*SchemaDesc
	tables  map[TableID]*Table
	names   map[string]map[string]TableID // schema → relation name → id
	deps    map[TableID][]TableID         // view → relations its query reads
	users   map[string]*User
	nextID  TableID
}

// New returns a catalog holding the public, pg_catalog and information_schema schemas.
func New() *Catalog {
	c := &Catalog{schemas: map[string]*SchemaDesc{}, tables: map[TableID]*Table{}, names: map[string]map[string]TableID{},
		deps: map[TableID][]TableID{}, users: map[string]*User{}, nextID: 100000}
	c.schemas[PublicSchema] = &SchemaDesc{Name: PublicSchema, Owner: "rdsdb"}
	c.schemas[PgCatalog] = &SchemaDesc{Name: PgCatalog, Owner: "rdsdb", System: true}
	c.schemas[InformationSchema] = &SchemaDesc{Name: InformationSchema, Owner: "rdsdb", System: true}
	for s := range c.schemas {
		c.names[s] = map[string]TableID{}
	}
	return c
}

// Clone returns a copy that may be changed without affecting c.
func (c *Catalog) Clone() *Catalog {
	n := &Catalog{schemas: make(map[string]*SchemaDesc, len(c.schemas)), tables: make(map[TableID]*Table, len(c.tables)),
		names: make(map[string]map[string]TableID, len(c.names)), deps: make(map[TableID][]TableID, len(c.deps)), users: make(map[string]*User, len(c.users)), nextID: c.nextID}
	for k, v := range c.users {
		n.users[k] = v
	}
	for k, v := range c.deps {
		n.deps[k] = v
	}
	for k, v := range c.schemas {
		n.schemas[k] = v
	}
	for k, v := range c.tables {
		n.tables[k] = v
	}
	for k, m := range c.names {
		nm := make(map[string]TableID, len(m))
		for a, b := range m {
			nm[a] = b
		}
		n.names[k] = nm
	}
	return n
}

// Schema returns a schema by name.
func (c *Catalog) Schema(name string) (*SchemaDesc, bool) {
	s, ok := c.schemas[name]
	return s, ok
}

// Schemas returns all schemas sorted by name.
func (c *Catalog) Schemas() []*SchemaDesc {
	out := make([]*SchemaDesc, 0, len(c.schemas))
	for _, s := range c.schemas {
		out = append(out, s)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// Tables returns every relation sorted by schema and name.
func (c *Catalog) Tables() []*Table {
	out := make([]*Table, 0, len(c.tables))
	for _, t := range c.tables {
		out = append(out, t)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Schema != out[j].Schema {
			return out[i].Schema < out[j].Schema
		}
		return out[i].Name < out[j].Name
	})
	return out
}

// ByID returns a relation by id, or nil.
func (c *Catalog) ByID(id TableID) *Table { return c.tables[id] }

// Find returns the relation schema.name, or nil.
func (c *Catalog) Find(schema, name string) *Table {
	if id, ok := c.names[schema][name]; ok {
		return c.tables[id]
	}
	return nil
}

// Lookup resolves a possibly unqualified name: an unqualified name is looked up
// in pg_catalog first, then along searchPath ("$user" entries are skipped).
// Missing: 42P01 (3F000 for a missing explicit schema).
func (c *Catalog) Lookup(schema, name string, searchPath []string) (*Table, error) {
	if schema != "" {
		if _, ok := c.schemas[schema]; !ok {
			return nil, sqlerr.Newf(sqlerr.UndefinedSchema, "schema \"%s\" does not exist", schema)
		}
		if t := c.Find(schema, name); t != nil {
			return t, nil
		}
		return nil, sqlerr.Newf(sqlerr.UndefinedTable, "relation \"%s.%s\" does not exist", schema, name)
	}
	if t := c.Find(PgCatalog, name); t != nil {
		return t, nil
	}
	for _, s := range searchPath {
		if t := c.Find(s, name); t != nil {
			return t, nil
		}
	}
	return nil, sqlerr.Newf(sqlerr.UndefinedTable, "relation \"%s\" does not exist", name)
}

// CreationSchema returns the schema a new unqualified relation goes to: the
// first existing schema of the search path. Missing: 3F000.
func (c *Catalog) CreationSchema(schema string, searchPath []string) (string, error) {
	if schema != "" {
		if _, ok := c.schemas[schema]; !ok {
			return "", sqlerr.Newf(sqlerr.UndefinedSchema, "schema \"%s\" does not exist", schema)
		}
		return schema, nil
	}
	for _, s := range searchPath {
		if _, ok := c.schemas[s]; ok && s != PgCatalog && s != InformationSchema && !strings.HasPrefix(s, "pg_temp_") {
			return s, nil
		}
	}
	return "", sqlerr.Newf(sqlerr.UndefinedSchema, "no schema has been selected to create in")
}

// CreateSchema adds a schema. Duplicate: 42P06.
func (c *Catalog) CreateSchema(name, owner string) error {
	if _, ok := c.schemas[name]; ok {
		return sqlerr.Newf(sqlerr.DuplicateSchema, "schema \"%s\" already exists", name)
	}
	if strings.HasPrefix(name, "pg_") {
		return sqlerr.Newf(sqlerr.InvalidSchemaName, "unacceptable schema name \"%s\"", name).WithDetail("The prefix \"pg_\" is reserved for system schemas.")
	}
	c.schemas[name] = &SchemaDesc{Name: name, Owner: owner}
	c.names[name] = map[string]TableID{}
	return nil
}

// CreateTempSchema adds a session's temporary schema (pg_temp_N) if missing.
func (c *Catalog) CreateTempSchema(name, owner string) {
	if _, ok := c.schemas[name]; ok {
		return
	}
	c.schemas[name] = &SchemaDesc{Name: name, Owner: owner}
	c.names[name] = map[string]TableID{}
}

// SetSchemaComment replaces a schema's comment.
func (c *Catalog) SetSchemaComment(name, comment string) error {
	s, ok := c.schemas[name]
	if !ok {
		return sqlerr.Newf(sqlerr.UndefinedSchema, "schema \"%s\" does not exist", name)
	}
	cp := *s
	cp.Comment = comment
	c.schemas[name] = &cp
	return nil
}

// DropSchema removes a schema; with cascade its relations too (their ids are
// returned), without it a non-empty schema fails with 2BP01.
func (c *Catalog) DropSchema(name string, cascade bool) ([]TableID, error) {
	s, ok := c.schemas[name]
	if !ok {
		return nil, sqlerr.Newf(sqlerr.UndefinedSchema, "schema \"%s\" does not exist", name)
	}
	if s.System {
		return nil, sqlerr.Newf(sqlerr.InsufficientPrivilege, "cannot drop schema %s because it is required by the database system", name)
	}
	var ids []TableID
	for _, id := range c.names[name] {
		ids = append(ids, id)
	}
	if len(ids) > 0 && !cascade {
		return nil, sqlerr.Newf(sqlerr.DependentObjectsStillExist, "cannot drop schema %s because other objects depend on it", name).
			WithHint("Use DROP ... CASCADE to drop the dependent objects too.")
	}
	dropped := make(map[TableID]bool, len(ids))
	for _, id := range ids {
		delete(c.tables, id)
		dropped[id] = true
	}
	c.dropForeignKeysTo(dropped)
	delete(c.names, name)
	delete(c.schemas, name)
	return ids, nil
}

// AddTable registers a new relation, giving it a fresh ID, and returns it.
// A name already used in the schema fails with 42P07.
func (c *Catalog) AddTable(t *Table) (*Table, error) {
	if _, ok := c.schemas[t.Schema]; !ok {
		return nil, sqlerr.Newf(sqlerr.UndefinedSchema, "schema \"%s\" does not exist", t.Schema)
	}
	if c.Find(t.Schema, t.Name) != nil {
		return nil, sqlerr.Newf(sqlerr.DuplicateTable, "relation \"%s\" already exists", t.Name)
	}
	if err := checkColumns(t); err != nil {
		return nil, err
	}
	c.nextID++
	cp := *t
	cp.ID = c.nextID
	c.tables[cp.ID] = &cp
	c.names[cp.Schema][cp.Name] = cp.ID
	return &cp, nil
}

// AddSystem registers a system relation with a fixed id (no duplicate check).
func (c *Catalog) AddSystem(t *Table) {
	cp := *t
	cp.Kind = KindSystem
	c.tables[cp.ID] = &cp
	c.names[cp.Schema][cp.Name] = cp.ID
}

// ReplaceTable installs a new descriptor for an existing relation (same ID);
// a rename moves its name entry, failing with 42P07 when the new name is taken.
func (c *Catalog) ReplaceTable(t *Table) error {
	old := c.tables[t.ID]
	if old == nil {
		return sqlerr.Newf(sqlerr.UndefinedTable, "relation with id %d does not exist", t.ID)
	}
	if old.Name != t.Name || old.Schema != t.Schema {
		if c.Find(t.Schema, t.Name) != nil {
			return sqlerr.Newf(sqlerr.DuplicateTable, "relation \"%s\" already exists", t.Name)
		}
		delete(c.names[old.Schema], old.Name)
		c.names[t.Schema][t.Name] = t.ID
	}
	if err := checkColumns(t); err != nil {
		return err
	}
	c.tables[t.ID] = t
	return nil
}

// DropTable removes a relation.
func (c *Catalog) DropTable(id TableID) {
	if t := c.tables[id]; t != nil {
		delete(c.names[t.Schema], t.Name)
		delete(c.tables, id)
		delete(c.deps, id)
		c.dropForeignKeysTo(map[TableID]bool{id: true})
	}
}

// SetDeps records the relations a view reads (replacing earlier ones).
func (c *Catalog) SetDeps(view TableID, on []TableID) { c.deps[view] = on }

// Dependents returns the views that read relation id, directly or through
// other views, nearest first.
func (c *Catalog) Dependents(id TableID) []TableID {
	var out []TableID
	seen := map[TableID]bool{id: true}
	queue := []TableID{id}
	for len(queue) > 0 {
		cur := queue[0]
		queue = queue[1:]
		for v, on := range c.deps {
			if seen[v] || c.tables[v] == nil {
				continue
			}
			for _, d := range on {
				if d == cur {
					seen[v] = true
					out = append(out, v)
					queue = append(queue, v)
					break
				}
			}
		}
	}
	return out
}

func checkColumns(t *Table) error {
	seen := make(map[string]bool, len(t.Columns))
	for _, col := range t.Columns {
		if seen[col.Name] {
			return sqlerr.Newf(sqlerr.DuplicateColumn, "column \"%s\" specified more than once", col.Name)
		}
		seen[col.Name] = true
	}
	if len(t.Columns) > 1600 {
		return sqlerr.Newf(sqlerr.TooManyColumns, "tables can have at most 1600 columns")
	}
	return nil
}
