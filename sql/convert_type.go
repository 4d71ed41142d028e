package sql

import (
	"strings"

	pg_query "github.com/pganalyze/pg_query_go/v6"
	"github.com/warehoused/warehoused/sql/ast"
	"github.com/warehoused/warehoused/sqlerr"
	"github.com/warehoused/warehoused/types"
)

// catalogTypes are PostgreSQL types the engine does not implement but that
// catalog queries from psql, JDBC and BI tools cast to; they pass through as
// TypeName{Type: Unknown, Name: ...} for the binder to decide.
var catalogTypes = map[string]bool{
	"oid": true, "regclass": true, "regtype": true, "regproc": true, "regprocedure": true,
	"regoper": true, "regoperator": true, "regnamespace": true, "regrole": true, "regconfig": true,
	"xid": true, "xid8": true, "cid": true, "tid": true, "int2vector": true, "oidvector": true,
	"aclitem": true, "pg_node_tree": true, "json": true, "jsonb": true, "uuid": true, "bytea": true,
	"inet": true, "cidr": true, "anyarray": true, "anyelement": true, "record": true, "void": true,
	"cstring": true, "unknown": true, "timetz": true, "bit": true, "varbit": true, "money": true,
	"xml": true, "char": true, "pg_lsn": true, "super": true, "geometry": true, "hllsketch": true,
	"varbyte": true, "name": true,
}

// Interval field bits of PostgreSQL's interval typmod.
var intervalFields = []struct {
	bit  int64
	name string
}{
	{1 << 2, "year"}, {1 << 1, "month"}, {1 << 3, "day"},
	{1 << 10, "hour"}, {1 << 11, "minute"}, {1 << 12, "second"},
}

const intervalFullRange = 0x7FFF

// typeName resolves a TypeName; unknown names record 42704 and return nil.
func (c *converter) typeName(t *pg_query.TypeName) *ast.TypeName {
	if t == nil {
		c.unsupported(-1, "missing type name")
		return nil
	}
	names := stripCatalog(strs(t.GetNames()))
	if len(names) == 0 {
		c.unsupported(t.GetLocation(), "missing type name")
		return nil
	}
	if t.GetSetof() || t.GetPctType() {
		c.unsupported(t.GetLocation(), "SETOF and %%TYPE are not supported")
		return nil
	}
	name := names[len(names)-1]
	var mods []int
	for _, m := range t.GetTypmods() {
		k := m.GetAConst()
		if k == nil || k.GetIval() == nil {
			if k != nil && k.GetSval() != nil {
				continue // e.g. a string typmod; ignored
			}
			c.unsupported(t.GetLocation(), "type modifiers must be integer constants")
			return nil
		}
		mods = append(mods, int(k.GetIval().GetIval()))
	}
	tn := &ast.TypeName{Loc: c.loc(t.GetLocation())}
	if len(t.GetArrayBounds()) > 0 {
		tn.Name = strings.ToLower(name) + "[]"
		return tn
	}
	lookup := name
	if name == "bpchar" && len(t.GetTypmods()) == 0 {
		lookup = "bpchar_unbounded" // `x::bpchar` is blank-padded text of any length
	}
	typ, ok := types.FromName(lookup, mods)
	if !ok {
		if catalogTypes[strings.ToLower(name)] {
			tn.Name = strings.ToLower(name)
			return tn
		}
		e := sqlerr.Newf(sqlerr.UndefinedObject, "type %q does not exist", strings.Join(names, "."))
		if p := c.charPos(t.GetLocation()); p > 0 {
			e = e.WithPosition(p)
		}
		c.fail(e)
		return nil
	}
	if err := checkTypmods(strings.ToLower(lookup), typ, mods); err != nil {
		if p := c.charPos(t.GetLocation()); p > 0 {
			err = err.WithPosition(p)
		}
		c.fail(err)
		return nil
	}
	tn.Type = typ
	if typ.ID == types.Interval && len(mods) > 0 {
		tn.IntervalFields = intervalQualifier(int64(mods[0]))
	}
	return tn
}

// intervalQualifier turns a field mask into "month" or "day to second".
func intervalQualifier(mask int64) string {
	if mask == intervalFullRange || mask <= 0 {
		return ""
	}
	first, last := "", ""
	for _, f := range intervalFields {
		if mask&f.bit != 0 {
			if first == "" {
				first = f.name
			}
			last = f.name
		}
	}
	if first == last {
		return first
	}
	return first + " to " + last
}

// checkTypmods rejects type modifiers the engine cannot represent, with
// PostgreSQL's messages (22023): DECIMAL precision outside 1..38 or scale
// outside 0..precision (PostgreSQL also allows negative scales and scales
// above the precision; Redshift does not), and string lengths below 1.
func checkTypmods(name string, typ types.T, mods []int) *sqlerr.Error {
	switch typ.ID {
	case types.Decimal:
		if len(mods) > 2 {
			return sqlerr.Newf(sqlerr.InvalidParameterValue, "invalid NUMERIC type modifier")
		}
		if typ.Precision < 1 || typ.Precision > types.MaxDecimalPrecision {
			return sqlerr.Newf(sqlerr.InvalidParameterValue, "NUMERIC precision %d must be between 1 and %d", typ.Precision, types.MaxDecimalPrecision)
		}
		if typ.Scale < 0 || typ.Scale > typ.Precision {
			return sqlerr.Newf(sqlerr.InvalidParameterValue, "NUMERIC scale %d must be between 0 and precision %d", typ.Scale, typ.Precision)
		}
	default:
		if typ.IsString() && len(mods) > 0 && mods[0] < 1 {
			kind := "varchar"
			if strings.Contains(name, "char") && !strings.Contains(name, "var") {
				kind = "char"
			}
			return sqlerr.Newf(sqlerr.InvalidParameterValue, "length for type %s must be at least 1", kind)
		}
	}
	return nil
}
