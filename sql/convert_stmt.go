package sql

import (
	"strings"

	pg_query "github.com/pganalyze/pg_query_go/v6"
	"github.com/warehoused/warehoused/sql/ast"
)

// stmt converts a top-level statement; unknown kinds are 0A000.
func (c *converter) stmt(n *pg_query.Node) ast.Stmt {
	if n == nil || n.GetNode() == nil {
		return nil
	}
	var st ast.Stmt
	switch x := n.GetNode().(type) {
	case *pg_query.Node_SelectStmt:
		st = c.selectTop(x.SelectStmt)
	case *pg_query.Node_InsertStmt:
		st = c.insertStmt(x.InsertStmt)
	case *pg_query.Node_UpdateStmt:
		st = c.updateStmt(x.UpdateStmt)
	case *pg_query.Node_DeleteStmt:
		st = c.deleteStmt(x.DeleteStmt)
	case *pg_query.Node_CreateStmt:
		st = c.createStmt(x.CreateStmt)
	case *pg_query.Node_CreateTableAsStmt:
		st = c.createTableAs(x.CreateTableAsStmt)
	case *pg_query.Node_ViewStmt:
		st = c.viewStmt(x.ViewStmt)
	case *pg_query.Node_CreateSchemaStmt:
		st = c.createSchema(x.CreateSchemaStmt)
	case *pg_query.Node_DropStmt:
		st = c.dropStmt(x.DropStmt)
	case *pg_query.Node_DropRoleStmt:
		st = c.dropRole(x.DropRoleStmt)
	case *pg_query.Node_TruncateStmt:
		st = c.truncateStmt(x.TruncateStmt)
	case *pg_query.Node_TransactionStmt:
		st = c.transactionStmt(x.TransactionStmt)
	case *pg_query.Node_ExplainStmt:
		st = c.explainStmt(x.ExplainStmt)
	case *pg_query.Node_CopyStmt:
		st = c.copyStmt(x.CopyStmt)
	case *pg_query.Node_VariableSetStmt:
		st = c.setStmt(x.VariableSetStmt)
	case *pg_query.Node_VariableShowStmt:
		st = &ast.ShowStmt{Name: strings.ToLower(x.VariableShowStmt.GetName())}
	case *pg_query.Node_CreateRoleStmt:
		st = c.createRole(x.CreateRoleStmt)
	case *pg_query.Node_AlterRoleStmt:
		st = c.alterRole(x.AlterRoleStmt)
	case *pg_query.Node_AlterRoleSetStmt:
		st = c.alterRoleSet(x.AlterRoleSetStmt)
	case *pg_query.Node_AlterTableStmt:
		st = c.alterTable(x.AlterTableStmt)
	case *pg_query.Node_RenameStmt:
		st = c.renameStmt(x.RenameStmt)
	case *pg_query.Node_PrepareStmt:
		st = c.prepareStmt(x.PrepareStmt)
	case *pg_query.Node_ExecuteStmt:
		st = &ast.ExecuteStmt{Name: x.ExecuteStmt.GetName(), Args: c.exprs(x.ExecuteStmt.GetParams())}
	case *pg_query.Node_DeallocateStmt:
		name := x.DeallocateStmt.GetName()
		if x.DeallocateStmt.GetIsall() {
			name = ""
		}
		st = &ast.DeallocateStmt{Name: name}
	case *pg_query.Node_CommentStmt:
		st = c.commentStmt(x.CommentStmt)
	case *pg_query.Node_GrantStmt:
		st = &ast.GrantStmt{Revoke: !x.GrantStmt.GetIsGrant(), Text: c.orig}
	case *pg_query.Node_GrantRoleStmt:
		st = &ast.GrantStmt{Revoke: !x.GrantRoleStmt.GetIsGrant(), Text: c.orig}
	case *pg_query.Node_DeclareCursorStmt:
		st = c.declareCursor(x.DeclareCursorStmt)
	case *pg_query.Node_FetchStmt:
		st = c.fetchStmt(x.FetchStmt)
	case *pg_query.Node_ClosePortalStmt:
		st = &ast.CloseCursorStmt{Name: x.ClosePortalStmt.GetPortalname()}
	case *pg_query.Node_DiscardStmt:
		st = c.discardStmt(x.DiscardStmt)
	case *pg_query.Node_UnlistenStmt:
		// Redshift has no LISTEN/NOTIFY (they stay 0A000 below), but pools
		// send UNLISTEN * on reset, and with no listeners it has nothing to do.
		st = &ast.ListenStmt{Kind: "unlisten", Channel: x.UnlistenStmt.GetConditionname()}
	default:
		c.unsupported(-1, "%s is not supported", c.statementKind())
		return nil
	}
	if c.err != nil {
		return nil
	}
	return st
}

// selectTop handles SELECT, including SELECT ... INTO t (a CREATE TABLE AS).
func (c *converter) selectTop(s *pg_query.SelectStmt) ast.Stmt {
	into := s.GetIntoClause()
	if into == nil {
		q := c.selectStmt(s)
		if q == nil {
			return nil
		}
		return &ast.SelectStmt{Query: q}
	}
	s.IntoClause = nil
	q := c.selectStmt(s)
	if q == nil {
		return nil
	}
	return &ast.CreateTableStmt{
		Table:     c.rangeVar(into.GetRel()),
		Temp:      into.GetRel().GetRelpersistence() == "t",
		AsQuery:   q,
		AsColumns: strs(into.GetColNames()),
	}
}

func (c *converter) returning(ns []*pg_query.Node) []*ast.Target { return c.targets(ns) }

func (c *converter) insertStmt(s *pg_query.InsertStmt) ast.Stmt {
	if s.GetOnConflictClause() != nil {
		c.unsupported(-1, "INSERT ... ON CONFLICT is not supported")
		return nil
	}
	st := &ast.InsertStmt{Table: c.rangeVar(s.GetRelation()), With: c.with(s.GetWithClause())}
	for _, n := range s.GetCols() {
		rt := n.GetResTarget()
		if rt == nil {
			continue
		}
		if len(rt.GetIndirection()) > 0 {
			c.unsupported(rt.GetLocation(), "INSERT into subfields or array elements is not supported")
			return nil
		}
		st.Columns = append(st.Columns, rt.GetName())
	}
	if s.GetSelectStmt() == nil {
		st.DefaultValues = true
	} else {
		// DEFAULT inside VALUES is a nil entry.
		c.allowDefault = true
		st.Source = c.selectNode(s.GetSelectStmt())
		c.allowDefault = false
	}
	st.Returning = c.returning(s.GetReturningList())
	return st
}

func (c *converter) updateStmt(s *pg_query.UpdateStmt) ast.Stmt {
	st := &ast.UpdateStmt{
		Table: c.rangeVar(s.GetRelation()),
		With:  c.with(s.GetWithClause()),
	}
	for _, n := range s.GetTargetList() {
		rt := n.GetResTarget()
		if rt == nil {
			continue
		}
		if len(rt.GetIndirection()) > 0 || rt.GetVal().GetMultiAssignRef() != nil {
			c.unsupported(rt.GetLocation(), "this form of UPDATE SET is not supported")
			return nil
		}
		sc := &ast.SetClause{Column: rt.GetName()}
		if rt.GetVal().GetSetToDefault() == nil {
			sc.Value = c.expr(rt.GetVal())
		}
		st.Set = append(st.Set, sc)
	}
	st.From = c.fromList(s.GetFromClause())
	st.Where = c.expr(s.GetWhereClause())
	st.Returning = c.returning(s.GetReturningList())
	return st
}

func (c *converter) deleteStmt(s *pg_query.DeleteStmt) ast.Stmt {
	return &ast.DeleteStmt{
		Table:     c.rangeVar(s.GetRelation()),
		Using:     c.fromList(s.GetUsingClause()),
		Where:     c.expr(s.GetWhereClause()),
		Returning: c.returning(s.GetReturningList()),
		With:      c.with(s.GetWithClause()),
	}
}

func (c *converter) transactionStmt(s *pg_query.TransactionStmt) ast.Stmt {
	st := &ast.TransactionStmt{Savepoint: s.GetSavepointName()}
	switch s.GetKind() {
	case pg_query.TransactionStmtKind_TRANS_STMT_BEGIN, pg_query.TransactionStmtKind_TRANS_STMT_START:
		st.Kind = ast.TxBegin
		for _, o := range s.GetOptions() {
			d := o.GetDefElem()
			if d.GetDefname() == "transaction_read_only" {
				st.ReadOnly = d.GetArg().GetAConst().GetIval().GetIval() != 0
			}
		}
	case pg_query.TransactionStmtKind_TRANS_STMT_COMMIT:
		st.Kind = ast.TxCommit
	case pg_query.TransactionStmtKind_TRANS_STMT_ROLLBACK:
		st.Kind = ast.TxRollback
	case pg_query.TransactionStmtKind_TRANS_STMT_SAVEPOINT:
		st.Kind = ast.TxSavepoint
	case pg_query.TransactionStmtKind_TRANS_STMT_RELEASE:
		st.Kind = ast.TxRelease
	case pg_query.TransactionStmtKind_TRANS_STMT_ROLLBACK_TO:
		st.Kind = ast.TxRollbackTo
	default:
		c.unsupported(s.GetLocation(), "%s is not supported", c.statementKind())
		return nil
	}
	if s.GetChain() {
		c.unsupported(s.GetLocation(), "AND CHAIN is not supported")
		return nil
	}
	return st
}

func (c *converter) explainStmt(s *pg_query.ExplainStmt) ast.Stmt {
	st := &ast.ExplainStmt{}
	for _, o := range s.GetOptions() {
		d := o.GetDefElem()
		on := d.GetArg() == nil || defBool(d.GetArg())
		switch strings.ToLower(d.GetDefname()) {
		case "analyze":
			st.Analyze = on
		case "verbose":
			st.Verbose = on
		}
	}
	st.Stmt = c.stmt(s.GetQuery())
	if c.err != nil {
		return nil
	}
	if st.Stmt == nil {
		c.unsupported(-1, "EXPLAIN of this statement is not supported")
		return nil
	}
	return st
}

func (c *converter) prepareStmt(s *pg_query.PrepareStmt) ast.Stmt {
	st := &ast.PrepareStmt{Name: s.GetName()}
	for _, a := range s.GetArgtypes() {
		tn := c.typeName(a.GetTypeName())
		if tn == nil {
			return nil
		}
		st.Types = append(st.Types, tn.Type)
	}
	st.Stmt = c.stmt(s.GetQuery())
	if c.err != nil {
		return nil
	}
	return st
}

// defString renders a DefElem argument as text.
func defString(n *pg_query.Node) string {
	if n == nil {
		return ""
	}
	switch x := n.GetNode().(type) {
	case *pg_query.Node_String_:
		return x.String_.GetSval()
	case *pg_query.Node_Integer:
		return itoa(int64(x.Integer.GetIval()))
	case *pg_query.Node_Float:
		return x.Float.GetFval()
	case *pg_query.Node_Boolean:
		if x.Boolean.GetBoolval() {
			return "true"
		}
		return "false"
	case *pg_query.Node_AStar:
		return "*"
	case *pg_query.Node_TypeName:
		return strings.Join(strs(x.TypeName.GetNames()), ".")
	case *pg_query.Node_List:
		parts := make([]string, 0, len(x.List.GetItems()))
		for _, it := range x.List.GetItems() {
			parts = append(parts, defString(it))
		}
		return strings.Join(parts, ",")
	case *pg_query.Node_AConst:
		switch v := x.AConst.GetVal().(type) {
		case *pg_query.A_Const_Sval:
			return v.Sval.GetSval()
		case *pg_query.A_Const_Ival:
			return itoa(int64(v.Ival.GetIval()))
		case *pg_query.A_Const_Fval:
			return v.Fval.GetFval()
		case *pg_query.A_Const_Boolval:
			if v.Boolval.GetBoolval() {
				return "true"
			}
			return "false"
		}
	}
	return ""
}

// defBool interprets a DefElem argument as a boolean (true/on/1/yes).
func defBool(n *pg_query.Node) bool {
	switch strings.ToLower(defString(n)) {
	case "true", "on", "1", "yes", "t", "y":
		return true
	}
	return false
}
