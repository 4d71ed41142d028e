package sql

import (
	"strconv"
	"strings"

	pg_query "github.com/pganalyze/pg_query_go/v6"
	"github.com/warehoused/warehoused/sql/ast"
)

// copyStmt converts PostgreSQL's COPY (both option syntaxes).
func (c *converter) copyStmt(s *pg_query.CopyStmt) ast.Stmt {
	if s.GetIsProgram() {
		c.unsupported(-1, "COPY ... PROGRAM is not supported")
		return nil
	}
	if s.GetWhereClause() != nil {
		c.unsupported(-1, "COPY ... WHERE is not supported")
		return nil
	}
	st := &ast.CopyStmt{From: s.GetIsFrom(), File: s.GetFilename(), Format: "text"}
	st.Stdio = st.File == ""
	if s.GetRelation() != nil {
		st.Table = c.rangeVar(s.GetRelation())
	}
	if q := s.GetQuery(); q != nil {
		if q.GetSelectStmt() == nil {
			c.unsupported(-1, "COPY of a statement other than SELECT is not supported")
			return nil
		}
		st.Query = c.selectNode(q)
	}
	st.Columns = strs(s.GetAttlist())
	for _, o := range s.GetOptions() {
		d := o.GetDefElem()
		if d == nil {
			continue
		}
		setCopyOption(st, strings.ToLower(d.GetDefname()), d.GetArg())
	}
	return st
}

func setCopyOption(st *ast.CopyStmt, key string, arg *pg_query.Node) {
	val := defString(arg)
	sp := func() *string { v := val; return &v }
	atoi := func() int { n, _ := strconv.Atoi(val); return n }
	switch key {
	case "format":
		st.Format = strings.ToLower(val)
	case "delimiter":
		st.Delimiter = sp()
	case "null":
		st.Null = sp()
	case "quote":
		st.Quote = sp()
	case "escape":
		st.Escape = sp()
	case "header":
		st.Header = arg == nil || defBool(arg) || strings.EqualFold(val, "match")
	case "ignoreheader":
		st.IgnoreHeader = atoi()
	case "gzip", "zstd", "bzip2", "lzop":
		st.Compression = key
	case "compression":
		st.Compression = strings.ToLower(val)
	case "emptyasnull":
		st.EmptyAsNull = true
	case "blanksasnull":
		st.BlanksAsNull = true
	case "dateformat":
		st.DateFormat = val
	case "timeformat":
		st.TimeFormat = val
	case "maxerror":
		st.MaxError = atoi()
	case "truncatecolumns":
		st.TruncateColumns = true
	case "manifest":
		st.Manifest = true
	case "region":
		st.Region = val
	case "iam_role":
		st.IAMRole = val
	case "credentials":
		st.Credentials = val
	default:
		if st.Options == nil {
			st.Options = map[string]string{}
		}
		st.Options[key] = val
	}
}

func (c *converter) setStmt(s *pg_query.VariableSetStmt) ast.Stmt {
	st := &ast.SetStmt{Name: strings.ToLower(s.GetName()), Local: s.GetIsLocal()}
	switch s.GetKind() {
	case pg_query.VariableSetKind_VAR_SET_VALUE:
		st.Values = c.exprs(s.GetArgs())
	case pg_query.VariableSetKind_VAR_SET_DEFAULT:
	case pg_query.VariableSetKind_VAR_RESET:
		st.Reset = true
	case pg_query.VariableSetKind_VAR_RESET_ALL:
		st.Reset, st.All = true, true
	case pg_query.VariableSetKind_VAR_SET_MULTI:
		// SET TRANSACTION ... / SET SESSION CHARACTERISTICS AS TRANSACTION ...:
		// each item becomes its own value "name=value".
		for _, a := range s.GetArgs() {
			d := a.GetDefElem()
			if d == nil {
				continue
			}
			st.Values = append(st.Values, &ast.Const{Kind: ast.ConstString, Text: d.GetDefname() + "=" + defString(d.GetArg()), Loc: -1})
		}
	default:
		c.unsupported(-1, "SET ... FROM CURRENT is not supported")
		return nil
	}
	return st
}

// roleOptions maps PostgreSQL role options to RoleOption.
func (c *converter) roleOptions(opts []*pg_query.Node) []*ast.RoleOption {
	var out []*ast.RoleOption
	for _, o := range opts {
		d := o.GetDefElem()
		if d == nil {
			continue
		}
		name := strings.ToLower(d.GetDefname())
		arg := d.GetArg()
		ro := &ast.RoleOption{Name: name}
		switch name {
		case "password":
			if arg == nil {
				ro.Value = "DISABLE"
			} else {
				ro.Value = defString(arg)
			}
		case "connectionlimit":
			ro.Name, ro.Value = "connection limit", defString(arg)
		case "validuntil":
			ro.Name, ro.Value = "valid until", defString(arg)
		case "createdb", "createrole", "superuser", "canlogin", "inherit", "isreplication", "bypassrls":
			flag := map[string]string{"createdb": "createdb", "createrole": "createrole", "superuser": "createuser",
				"canlogin": "login", "inherit": "inherit", "isreplication": "replication", "bypassrls": "bypassrls"}[name]
			if arg != nil && !defBool(arg) {
				flag = "no" + flag
			}
			ro.Name = flag
		default:
			ro.Value = defString(arg)
		}
		out = append(out, ro)
	}
	return out
}

func (c *converter) createRole(s *pg_query.CreateRoleStmt) ast.Stmt {
	if s.GetStmtType() == pg_query.RoleStmtType_ROLESTMT_GROUP {
		c.unsupported(-1, "CREATE GROUP is not supported")
		return nil
	}
	return &ast.CreateUserStmt{Name: s.GetRole(), Options: c.roleOptions(s.GetOptions())}
}

func (c *converter) alterRole(s *pg_query.AlterRoleStmt) ast.Stmt {
	return &ast.AlterUserStmt{Name: s.GetRole().GetRolename(), Options: c.roleOptions(s.GetOptions())}
}

// alterRoleSet: ALTER USER u SET name TO value becomes option "set name".
func (c *converter) alterRoleSet(s *pg_query.AlterRoleSetStmt) ast.Stmt {
	set := s.GetSetstmt()
	ro := &ast.RoleOption{Name: "set " + strings.ToLower(set.GetName())}
	if set.GetKind() == pg_query.VariableSetKind_VAR_RESET || set.GetKind() == pg_query.VariableSetKind_VAR_RESET_ALL {
		ro.Name = "reset " + strings.ToLower(set.GetName())
	}
	var vals []string
	for _, a := range set.GetArgs() {
		vals = append(vals, defString(a))
	}
	ro.Value = strings.Join(vals, ",")
	return &ast.AlterUserStmt{Name: s.GetRole().GetRolename(), Options: []*ast.RoleOption{ro}}
}

func (c *converter) alterTable(s *pg_query.AlterTableStmt) ast.Stmt {
	if s.GetObjtype() != pg_query.ObjectType_OBJECT_TABLE {
		c.unsupported(-1, "%s is not supported", c.statementKind())
		return nil
	}
	st := &ast.AlterTableStmt{Table: c.rangeVar(s.GetRelation()), IfExists: s.GetMissingOk()}
	for _, n := range s.GetCmds() {
		cmd := n.GetAlterTableCmd()
		if cmd == nil {
			continue
		}
		out := &ast.AlterTableCmd{Name: cmd.GetName(), Cascade: cmd.GetBehavior() == pg_query.DropBehavior_DROP_CASCADE, IfExists: cmd.GetMissingOk()}
		switch cmd.GetSubtype() {
		case pg_query.AlterTableType_AT_AddColumn:
			out.Action = "add column"
			out.Column = c.columnDef(cmd.GetDef().GetColumnDef())
			if out.Column != nil {
				out.Name = out.Column.Name
			}
		case pg_query.AlterTableType_AT_DropColumn:
			out.Action = "drop column"
		case pg_query.AlterTableType_AT_AlterColumnType:
			out.Action = "alter column type"
			if def := cmd.GetDef().GetColumnDef(); def != nil {
				out.Column = &ast.ColumnDef{Name: cmd.GetName(), Type: c.typeName(def.GetTypeName()), Loc: -1}
			}
		case pg_query.AlterTableType_AT_ChangeOwner:
			out.Action = "owner to"
			out.Name = cmd.GetNewowner().GetRolename()
		case pg_query.AlterTableType_AT_AddConstraint:
			out.Action = "add constraint"
			out.Constraint = c.tableConstraint(cmd.GetDef().GetConstraint())
			if out.Constraint == nil {
				return nil
			}
		case pg_query.AlterTableType_AT_DropConstraint:
			out.Action = "drop constraint"
		default:
			c.unsupported(-1, "this ALTER TABLE action is not supported")
			return nil
		}
		st.Cmds = append(st.Cmds, out)
	}
	return st
}

func (c *converter) renameStmt(s *pg_query.RenameStmt) ast.Stmt {
	switch s.GetRenameType() {
	case pg_query.ObjectType_OBJECT_TABLE, pg_query.ObjectType_OBJECT_VIEW:
		return &ast.AlterTableStmt{Table: c.rangeVar(s.GetRelation()), IfExists: s.GetMissingOk(),
			Cmds: []*ast.AlterTableCmd{{Action: "rename table", NewName: s.GetNewname(), Name: s.GetNewname()}}}
	case pg_query.ObjectType_OBJECT_COLUMN:
		if s.GetRelationType() != pg_query.ObjectType_OBJECT_TABLE {
			break
		}
		return &ast.AlterTableStmt{Table: c.rangeVar(s.GetRelation()), IfExists: s.GetMissingOk(),
			Cmds: []*ast.AlterTableCmd{{Action: "rename column", Name: s.GetSubname(), NewName: s.GetNewname()}}}
	case pg_query.ObjectType_OBJECT_ROLE:
		return &ast.AlterUserStmt{Name: s.GetSubname(), RenameTo: s.GetNewname()}
	}
	c.unsupported(-1, "%s is not supported", c.statementKind())
	return nil
}
