package warehoused

import (
	"strings"

	"github.com/warehoused/warehoused/catalog"
	"github.com/warehoused/warehoused/types"
)

// infoTable declares an information_schema view.
func infoTable(id catalog.TableID, name string, rows func(*Conn, *dbState, func(...types.Datum)), pairs ...any) systemTable {
	return systemTable{id, catalog.InformationSchema, name, pgCols(pairs...), rows}
}

// infoSchemaTables are the SQL-standard views over the catalog, with
// PostgreSQL 15's columns (sql_identifier, character_data, yes_or_no are
// TEXT; cardinal_number is INTEGER).
var infoSchemaTables = []systemTable{
	infoTable(5, "tables", func(c *Conn, st *dbState, add func(...types.Datum)) {
		db := c.databaseName()
		for _, t := range st.cat.Tables() {
			kind := "BASE TABLE"
			switch {
			case relKind(t) == viewRelKind:
				kind = "VIEW"
			case t.Temp:
				kind = "LOCAL TEMPORARY"
			}
			insertable := yesNo(t.Kind == catalog.KindTable)
			add(db, t.Schema, t.Name, kind, nil, nil, nil, nil, nil, insertable, "NO", nil)
		}
	}, "table_catalog", textT, "table_schema", textT, "table_name", textT, "table_type", textT,
		"self_referencing_column_name", textT, "reference_generation", textT, "user_defined_type_catalog", textT,
		"user_defined_type_schema", textT, "user_defined_type_name", textT, "is_insertable_into", textT,
		"is_typed", textT, "commit_action", textT),
	infoTable(6, "columns", func(c *Conn, st *dbState, add func(...types.Datum)) {
		db := c.databaseName()
		for _, t := range st.cat.Tables() {
			for i, col := range t.Columns {
				f := infoColumnFacts(col.Type)
				var def types.Datum
				if col.DefaultSQL != "" {
					def = pgDefault(col)
				}
				isIdentity, identGen := "NO", types.Datum(nil)
				var identStart, identIncr types.Datum
				if col.Identity != nil {
					isIdentity, identGen = "YES", "BY DEFAULT"
					identStart, identIncr = itoa(col.Identity.Seed), itoa(col.Identity.Step)
				}
				add(db, t.Schema, t.Name, col.Name, int64(i+1), def, yesNo(!col.NotNull), f.dataType,
					f.charLen, f.octetLen, f.numPrec, f.numRadix, f.numScale, f.dtPrec, nil, nil,
					nil, nil, nil, nil, nil, nil, nil, nil, nil,
					db, catalog.PgCatalog, typeInfo(col.Type).Name, nil, nil, nil, nil, itoa(int64(i+1)), "NO",
					isIdentity, identGen, identStart, identIncr, nil, nil, "NO", "NEVER", nil, yesNo(t.Kind == catalog.KindTable))
			}
		}
	}, "table_catalog", textT, "table_schema", textT, "table_name", textT, "column_name", textT,
		"ordinal_position", intT, "column_default", textT, "is_nullable", textT, "data_type", textT,
		"character_maximum_length", intT, "character_octet_length", intT, "numeric_precision", intT,
		"numeric_precision_radix", intT, "numeric_scale", intT, "datetime_precision", intT, "interval_type", textT,
		"interval_precision", intT, "character_set_catalog", textT, "character_set_schema", textT,
		"character_set_name", textT, "collation_catalog", textT, "collation_schema", textT, "collation_name", textT,
		"domain_catalog", textT, "domain_schema", textT, "domain_name", textT, "udt_catalog", textT, "udt_schema", textT,
		"udt_name", textT, "scope_catalog", textT, "scope_schema", textT, "scope_name", textT,
		"maximum_cardinality", intT, "dtd_identifier", textT, "is_self_referencing", textT, "is_identity", textT,
		"identity_generation", textT, "identity_start", textT, "identity_increment", textT, "identity_maximum", textT,
		"identity_minimum", textT, "identity_cycle", textT, "is_generated", textT, "generation_expression", textT,
		"is_updatable", textT),
	infoTable(7, "schemata", func(c *Conn, st *dbState, add func(...types.Datum)) {
		for _, s := range st.cat.Schemas() {
			add(c.databaseName(), s.Name, s.Owner, nil, nil, nil, nil)
		}
	}, "catalog_name", textT, "schema_name", textT, "schema_owner", textT, "default_character_set_catalog", textT,
		"default_character_set_schema", textT, "default_character_set_name", textT, "sql_path", textT),
	infoTable(1200, "views", func(c *Conn, st *dbState, add func(...types.Datum)) {
		for _, t := range st.cat.Tables() {
			if t.Kind == catalog.KindView {
				add(c.databaseName(), t.Schema, t.Name, t.ViewSQL, "NONE", "NO", "NO", "NO", "NO", "NO")
			}
		}
	}, "table_catalog", textT, "table_schema", textT, "table_name", textT, "view_definition", textT,
		"check_option", textT, "is_updatable", textT, "is_insertable_into", textT, "is_trigger_updatable", textT,
		"is_trigger_deletable", textT, "is_trigger_insertable_into", textT),
	infoTable(1201, "table_constraints", infoTableConstraints, "constraint_catalog", textT, "constraint_schema", textT,
		"constraint_name", textT, "table_catalog", textT, "table_schema", textT, "table_name", textT,
		"constraint_type", textT, "is_deferrable", textT, "initially_deferred", textT, "enforced", textT, "nulls_distinct", textT),
	infoTable(1202, "key_column_usage", infoKeyColumnUsage, "constraint_catalog", textT, "constraint_schema", textT,
		"constraint_name", textT, "table_catalog", textT, "table_schema", textT, "table_name", textT,
		"column_name", textT, "ordinal_position", intT, "position_in_unique_constraint", intT),
	infoTable(1203, "referential_constraints", infoReferentialConstraints, "constraint_catalog", textT, "constraint_schema", textT,
		"constraint_name", textT, "unique_constraint_catalog", textT, "unique_constraint_schema", textT,
		"unique_constraint_name", textT, "match_option", textT, "update_rule", textT, "delete_rule", textT),
	infoTable(1204, "constraint_column_usage", noRows, "table_catalog", textT, "table_schema", textT,
		"table_name", textT, "column_name", textT, "constraint_catalog", textT, "constraint_schema", textT, "constraint_name", textT),
	infoTable(1205, "routines", noRows, "specific_catalog", textT, "specific_schema", textT, "specific_name", textT,
		"routine_catalog", textT, "routine_schema", textT, "routine_name", textT, "routine_type", textT,
		"data_type", textT, "type_udt_name", textT, "routine_body", textT, "routine_definition", textT,
		"external_language", textT, "is_deterministic", textT, "security_type", textT),
	infoTable(1206, "parameters", noRows, "specific_catalog", textT, "specific_schema", textT, "specific_name", textT,
		"ordinal_position", intT, "parameter_mode", textT, "parameter_name", textT, "data_type", textT, "udt_name", textT),
	infoTable(1207, "check_constraints", noRows, "constraint_catalog", textT, "constraint_schema", textT,
		"constraint_name", textT, "check_clause", textT),
	infoTable(1208, "sequences", noRows, "sequence_catalog", textT, "sequence_schema", textT, "sequence_name", textT,
		"data_type", textT, "numeric_precision", intT, "numeric_precision_radix", intT, "numeric_scale", intT,
		"start_value", textT, "minimum_value", textT, "maximum_value", textT, "increment", textT, "cycle_option", textT),
	infoTable(1209, "table_privileges", noRows, "grantor", textT, "grantee", textT, "table_catalog", textT,
		"table_schema", textT, "table_name", textT, "privilege_type", textT, "is_grantable", textT, "with_hierarchy", textT),
	infoTable(1210, "character_sets", func(c *Conn, st *dbState, add func(...types.Datum)) {
		add(nil, nil, "UTF8", "UCS", "UTF8", c.databaseName(), catalog.PgCatalog, "C")
	}, "character_set_catalog", textT, "character_set_schema", textT, "character_set_name", textT,
		"character_repertoire", textT, "form_of_use", textT, "default_collate_catalog", textT,
		"default_collate_schema", textT, "default_collate_name", textT),
}

func yesNo(b bool) string {
	if b {
		return "YES"
	}
	return "NO"
}

// infoFacts are a column type's information_schema.columns attributes.
type infoFacts struct {
	dataType                                               string
	charLen, octetLen, numPrec, numRadix, numScale, dtPrec types.Datum
}

// infoColumnFacts describes a type as information_schema.columns does.
func infoColumnFacts(t types.T) infoFacts {
	f := infoFacts{dataType: t.String()}
	switch t.ID {
	case types.Varchar, types.Char:
		f.dataType = "character varying"
		if t.ID == types.Char {
			f.dataType = "character"
		}
		if t.Width > 0 || t.ID == types.Char {
			n := int64(max(t.Width, 1))
			f.charLen, f.octetLen = n, n*4
		} else {
			f.octetLen = int64(1073741824)
		}
	case types.Text:
		f.octetLen = int64(1073741824)
	case types.Decimal:
		f.dataType = "numeric"
		f.numRadix = int64(10)
		if t.Precision > 0 {
			f.numPrec, f.numScale = int64(t.Precision), int64(t.Scale)
		}
	case types.Int16, types.Int32, types.Int64:
		f.numPrec, f.numRadix, f.numScale = int64(8*typeInfo(t).Len), int64(2), int64(0)
	case types.Float32:
		f.numPrec, f.numRadix = int64(24), int64(2)
	case types.Float64:
		f.numPrec, f.numRadix = int64(53), int64(2)
	case types.Date:
		f.dtPrec = int64(0)
	case types.Time, types.Timestamp, types.TimestampTZ, types.Interval:
		f.dtPrec = int64(6)
	}
	if strings.HasPrefix(f.dataType, "numeric(") {
		f.dataType = "numeric"
	}
	return f
}

// constraintTypes are information_schema's names of constraint kinds.
var constraintTypes = map[catalog.ConstraintKind]string{
	catalog.ConstraintPrimaryKey: "PRIMARY KEY", catalog.ConstraintUnique: "UNIQUE", catalog.ConstraintForeignKey: "FOREIGN KEY",
}

func infoTableConstraints(c *Conn, st *dbState, add func(...types.Datum)) {
	db := c.databaseName()
	for _, k := range constraints(st) {
		var nullsDistinct types.Datum
		if k.k.Kind == catalog.ConstraintUnique {
			nullsDistinct = "YES"
		}
		add(db, k.t.Schema, k.k.Name, db, k.t.Schema, k.t.Name, constraintTypes[k.k.Kind], "NO", "NO", "YES", nullsDistinct)
	}
}

func infoKeyColumnUsage(c *Conn, st *dbState, add func(...types.Datum)) {
	db := c.databaseName()
	for _, k := range constraints(st) {
		if !validCols(k.t, k.k.Columns) {
			continue
		}
		for i, col := range k.k.Columns {
			var pos types.Datum
			if k.k.Kind == catalog.ConstraintForeignKey {
				pos = int64(i + 1)
			}
			add(db, k.t.Schema, k.k.Name, db, k.t.Schema, k.t.Name, k.t.Columns[col].Name, int64(i+1), pos)
		}
	}
}

func infoReferentialConstraints(c *Conn, st *dbState, add func(...types.Datum)) {
	db := c.databaseName()
	for _, k := range constraints(st) {
		if k.k.Kind != catalog.ConstraintForeignKey {
			continue
		}
		var uschema, uname types.Datum
		if ref := st.cat.ByID(k.k.RefTable); ref != nil {
			for _, rk := range ref.Constraints {
				if rk.Kind != catalog.ConstraintForeignKey && sameCols(rk.Columns, k.k.RefColumns) {
					uschema, uname = ref.Schema, rk.Name
				}
			}
		}
		add(db, k.t.Schema, k.k.Name, db, uschema, uname, "NONE", "NO ACTION", "NO ACTION")
	}
}
