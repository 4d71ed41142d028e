package warehoused

import (
	"github.com/warehoused/warehoused/planner/plan"
	"github.com/warehoused/warehoused/sql/ast"
	"github.com/warehoused/warehoused/sqlerr"
	"github.com/warehoused/warehoused/types"
)

// Describe binds a statement without running it and reports the types of its
// parameters ($1..$n; paramTypes gives known ones, may be nil) and the
// columns it returns (nil for statements without rows), as a protocol
// server's Describe needs.
func (c *Conn) Describe(st Statement, paramTypes []types.T) (params []types.T, cols []Column, err error) {
	defer c.recoverInto(&err, st.SQL)
	if c.tx != nil && c.tx.aborted {
		return nil, nil, sqlerr.Newf(sqlerr.InFailedSQLTransaction, "current transaction is aborted, commands ignored until end of transaction block")
	}
	implicit := c.tx == nil
	if implicit {
		cur, err := c.db.current()
		if err != nil {
			return nil, nil, err
		}
		c.tx = newTxn(cur, false)
		defer func() { c.tx = nil }()
	}
	b := c.binderWith(paramTypes)
	var n plan.Node
	switch s := st.Stmt.(type) {
	case *ast.SelectStmt:
		n, err = b.BindSelect(s.Query)
		if err != nil {
			return nil, nil, err
		}
		cols = schemaColumns(n.Schema())
	case *ast.InsertStmt:
		t, err := c.targetTable(s.Table)
		if err != nil {
			return nil, nil, err
		}
		if _, err := b.BindInsert(s, t); err != nil {
			return nil, nil, err
		}
	case *ast.UpdateStmt:
		t, err := c.targetTable(s.Table)
		if err != nil {
			return nil, nil, err
		}
		if _, err := b.BindUpdate(s, t); err != nil {
			return nil, nil, err
		}
	case *ast.DeleteStmt:
		t, err := c.targetTable(s.Table)
		if err != nil {
			return nil, nil, err
		}
		if _, err := b.BindDelete(s, t); err != nil {
			return nil, nil, err
		}
	case *ast.ShowStmt:
		name := normName(s.Name)
		if name == "all" {
			return nil, []Column{{Name: "name", Type: types.TextType}, {Name: "setting", Type: types.TextType}}, nil
		}
		return nil, []Column{{Name: name, Type: types.TextType}}, nil
	case *ast.ExplainStmt:
		return nil, []Column{{Name: "QUERY PLAN", Type: types.TextType}}, nil
	case *ast.FetchStmt:
		if s.Move {
			return nil, nil, nil
		}
		return nil, c.cursorColumns(s.Name), nil
	default:
		return nil, nil, nil
	}
	params = b.ParamTypes()
	for i, t := range params {
		if t.ID == types.Unknown {
			params[i] = types.TextType
		}
	}
	return params, cols, nil
}
