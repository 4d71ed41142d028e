package warehoused

import (
	"context"

	"github.com/warehoused/warehoused/catalog"
	"github.com/warehoused/warehoused/exec"
	"github.com/warehoused/warehoused/planner/bind"
	"github.com/warehoused/warehoused/planner/physical"
	"github.com/warehoused/warehoused/planner/plan"
	"github.com/warehoused/warehoused/planner/rules"
	"github.com/warehoused/warehoused/sql"
	"github.com/warehoused/warehoused/sql/ast"
	"github.com/warehoused/warehoused/sqlerr"
	"github.com/warehoused/warehoused/storage"
	"github.com/warehoused/warehoused/types"
	"github.com/warehoused/warehoused/vector"
)

// bindCatalog is the binder's view of the session's current state.
type bindCatalog struct {
	st   *dbState
	path []string
}

func (b *bindCatalog) LookupTable(schema, name string) (*catalog.Table, error) {
	t, err := b.st.cat.Lookup(schema, name, b.path)
	if err != nil {
		if schema != "" && sqlerr.CodeOf(err) == sqlerr.UndefinedSchema {
			// PostgreSQL reports a qualified name in a missing schema as a
			// missing relation.
			return nil, sqlerr.Newf(sqlerr.UndefinedTable, "relation \"%s.%s\" does not exist", schema, name)
		}
		return nil, err
	}
	if t.Kind == catalog.KindTable {
		cp := *t
		if d := b.st.data[t.ID]; d != nil {
			cp.RowCount = d.tab.Rows()
		}
		return &cp, nil
	}
	return t, nil
}

func (b *bindCatalog) ParseSelect(text string) (*ast.Select, error) { return parseSelect(text) }

func (b *bindCatalog) ParseExpr(text string) (ast.Expr, error) { return sql.ParseExpr(text) }

func parseSelect(text string) (*ast.Select, error) {
	ps, err := sql.Parse(text)
	if err != nil {
		return nil, err
	}
	if len(ps) != 1 {
		return nil, sqlerr.Newf(sqlerr.SyntaxError, "expected one query, found %d statements", len(ps))
	}
	s, ok := ps[0].Stmt.(*ast.SelectStmt)
	if !ok {
		return nil, sqlerr.Newf(sqlerr.SyntaxError, "expected a query")
	}
	return s.Query, nil
}

// binder returns a binder over the transaction's working state.
func (c *Conn) binder() *bind.Binder { return c.binderWith(nil) }

// binderWith returns a binder that knows some parameter types up front.
func (c *Conn) binderWith(paramTypes []types.T) *bind.Binder {
	return bind.New(&bindCatalog{st: c.tx.work, path: c.searchPath()}, paramTypes)
}

// evalContext builds the per-statement evaluation context.
func (c *Conn) evalContext(params []types.Datum) *exec.EvalContext {
	s := c.settings
	start := c.tx.start
	return &exec.EvalContext{
		Params:     params,
		Now:        evalContextNow(),
		TxStart:    start,
		Location:   s.loc,
		User:       c.sessionUser(),
		Database:   c.databaseName(),
		SearchPath: s.searchPath(),
		BatchSize:  c.db.cfg.BatchSize,
		Setting:    s.get,
		Version:    c.versionString(),
		Catalog:    c.catalogFuncs(),
	}
}

func (c *Conn) versionString() string {
	return "PostgreSQL 8.0.2 on x86_64-pc-linux-gnu, compiled by gcc, warehoused " + c.db.cfg.Version
}

// env builds the physical planning environment over the working state.
func (c *Conn) env(ec *exec.EvalContext) *physical.Env {
	st := c.tx.work
	return &physical.Env{
		Eval:   ec,
		Slices: c.db.cfg.Slices,
		Table: func(t *catalog.Table) (storage.TableReader, error) {
			d := st.data[t.ID]
			if d == nil {
				return nil, sqlerr.Newf(sqlerr.UndefinedTable, "relation \"%s\" has no storage", t.Name)
			}
			return d.tab, nil
		},
		SystemRows: func(ctx context.Context, t *catalog.Table) ([]*vector.Batch, error) {
			return c.systemRows(ctx, st, t)
		},
	}
}

// params converts the Go arguments to the bound parameter types.
func (c *Conn) params(b *bind.Binder, args []any) ([]types.Datum, error) {
	pts := b.ParamTypes()
	if len(args) < len(pts) {
		return nil, sqlerr.Newf(sqlerr.ProtocolViolation, "bind message supplies %d parameters, but prepared statement requires %d", len(args), len(pts))
	}
	out := make([]types.Datum, len(args))
	for i, a := range args {
		t := types.TextType
		if i < len(pts) && pts[i].ID != types.Unknown {
			t = pts[i]
		}
		d, err := toDatum(t, a, c.settings.loc)
		if err != nil {
			return nil, sqlerr.From(err).WithDetail("parameter $%d", i+1)
		}
		out[i] = d
	}
	return out, nil
}

// plan optimizes a bound plan and builds its operator tree.
func (c *Conn) build(ctx context.Context, b *bind.Binder, n plan.Node, args []any) (exec.Operator, *exec.EvalContext, error) {
	params, err := c.params(b, args)
	if err != nil {
		return nil, nil, err
	}
	n, err = rules.Optimize(ctx, n, b.IDs(), rules.Options{})
	if err != nil {
		return nil, nil, err
	}
	ec := c.evalContext(params)
	op, err := physical.Build(ctx, n, c.env(ec))
	if err != nil {
		return nil, nil, err
	}
	return op, ec, nil
}

// query binds and starts a SELECT; rows stream from the plan.
func (c *Conn) query(ctx context.Context, sel *ast.Select, args []any) (*Rows, error) {
	b := c.binder()
	n, err := b.BindSelect(sel)
	if err != nil {
		return nil, err
	}
	op, _, err := c.build(ctx, b, n, args)
	if err != nil {
		return nil, err
	}
	if err := op.Open(ctx); err != nil {
		op.Close()
		return nil, err
	}
	return opRows(ctx, schemaColumns(n.Schema()), op), nil
}

func schemaColumns(s plan.Schema) []Column {
	out := make([]Column, len(s))
	for i, c := range s {
		out[i] = Column{Name: c.Name, Type: c.Type}
	}
	return out
}

// runAll runs an operator to completion, handing each batch to f.
func runAll(ctx context.Context, op exec.Operator, f func(*vector.Batch) error) error {
	if err := op.Open(ctx); err != nil {
		op.Close()
		return err
	}
	for {
		b, err := op.Next(ctx)
		if err != nil {
			op.Close()
			return err
		}
		if b == nil {
			return op.Close()
		}
		if b.N == 0 {
			continue
		}
		if err := f(b); err != nil {
			op.Close()
			return err
		}
	}
}

// explain renders the plan of a statement as rows of "QUERY PLAN".
func (c *Conn) explain(ctx context.Context, s *ast.ExplainStmt, args []any) (*Rows, error) {
	b := c.binder()
	var n plan.Node
	var err error
	switch q := s.Stmt.(type) {
	case *ast.SelectStmt:
		n, err = b.BindSelect(q.Query)
	case *ast.InsertStmt:
		var t *catalog.Table
		if t, err = c.targetTable(q.Table); err == nil {
			n, err = b.BindInsert(q, t)
		}
	case *ast.DeleteStmt:
		var t *catalog.Table
		if t, err = c.targetTable(q.Table); err == nil {
			n, err = b.BindDelete(q, t)
		}
	case *ast.UpdateStmt:
		var t *catalog.Table
		if t, err = c.targetTable(q.Table); err == nil {
			n, err = b.BindUpdate(q, t)
		}
	default:
		return nil, sqlerr.Newf(sqlerr.FeatureNotSupported, "EXPLAIN of this statement is not supported")
	}
	if err != nil {
		return nil, err
	}
	params, err := c.params(b, args)
	if err != nil {
		return nil, err
	}
	n, err = rules.Optimize(ctx, n, b.IDs(), rules.Options{})
	if err != nil {
		return nil, err
	}
	var text string
	if s.Analyze {
		if _, ok := s.Stmt.(*ast.SelectStmt); !ok {
			return nil, sqlerr.Newf(sqlerr.FeatureNotSupported, "EXPLAIN ANALYZE is only supported for SELECT")
		}
		if text, err = c.explainAnalyze(ctx, n, params); err != nil {
			return nil, err
		}
	} else {
		text = physical.Explain(n, c.env(c.evalContext(params)))
	}
	return planRows(text), nil
}

// planRows returns text as rows of the "QUERY PLAN" column, one per line.
func planRows(text string) *Rows {
	lines := splitLines(text)
	bt := vector.NewBatch([]types.T{types.TextType}, len(lines))
	copy(bt.Cols[0].Strs, lines)
	return batchRows([]Column{{Name: "QUERY PLAN", Type: types.TextType}}, []*vector.Batch{bt}, "EXPLAIN")
}

func splitLines(s string) []string {
	var out []string
	start := 0
	for i := 0; i < len(s); i++ {
		if s[i] == '\n' {
			out = append(out, s[start:i])
			start = i + 1
		}
	}
	if start < len(s) {
		out = append(out, s[start:])
	}
	return out
}
