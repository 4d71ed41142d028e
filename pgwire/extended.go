package pgwire

import (
	"context"
	"strconv"
	"strings"

	"github.com/jackc/pgx/v5/pgproto3"
	"github.com/warehoused/warehoused"
	"github.com/warehoused/warehoused/sql/ast"
	"github.com/warehoused/warehoused/sqlerr"
	"github.com/warehoused/warehoused/types"
)

// prepStmt is a statement made by Parse.
type prepStmt struct {
	st     warehoused.Statement
	empty  bool // the query string held no statement
	params []types.T
	cols   []warehoused.Column // nil: the statement returns no rows
}

// portal is a statement bound to parameters by Bind. Its result stays open
// across Executes with a row limit (PortalSuspended).
type portal struct {
	stmt    *prepStmt
	args    []any
	formats []int16 // result format codes as Bind sent them

	ctx    context.Context // the statement's, alive while the result is open
	cancel context.CancelFunc
	rs     *rowStream // nil until the first Execute
	done   bool       // ran to completion: further Executes return nothing
	tag    string
}

// extendedError reports an error in an extended-protocol message and
// discards messages until Sync.
func (se *session) extendedError(err error, shift int) {
	se.w.send(errorResponse(err, sevError, shift))
	se.skipToSync = true
}

// parse serves Parse: it parses and binds the statement to learn its
// parameter and result types, as PostgreSQL's parse analysis does.
func (se *session) parse(m *pgproto3.Parse) {
	if m.Name != "" {
		if _, ok := se.stmts[m.Name]; ok {
			se.extendedError(sqlerr.Newf(sqlerr.Code("42P05"), "prepared statement \"%s\" already exists", m.Name), 0)
			return
		}
	}
	stmts, err := se.conn.Parse(m.Query)
	if err != nil {
		se.extendedError(err, 0)
		return
	}
	if len(stmts) > 1 {
		se.extendedError(sqlerr.Newf(sqlerr.SyntaxError, "cannot insert multiple commands into a prepared statement"), 0)
		return
	}
	ps := &prepStmt{empty: len(stmts) == 0}
	given := make([]types.T, len(m.ParameterOIDs))
	for i, oid := range m.ParameterOIDs {
		t, ok := TypeFromOID(oid)
		if !ok {
			se.extendedError(sqlerr.Newf(sqlerr.FeatureNotSupported, "parameter $%d has type OID %d, which is not supported", i+1, oid), 0)
			return
		}
		given[i] = t
	}
	if !ps.empty {
		ps.st = stmts[0]
		if _, isTx := ps.st.Stmt.(*ast.TransactionStmt); !isTx {
			params, cols, err := se.conn.Describe(ps.st, unconstrainedNumeric(given, m.ParameterOIDs))
			if err != nil {
				se.extendedError(err, 0)
				return
			}
			ps.params, ps.cols = keepNumeric(params, m.ParameterOIDs), cols
		}
	}
	// Parameters the client typed but the statement does not use still
	// count, as in PostgreSQL.
	for i := len(ps.params); i < len(given); i++ {
		t := given[i]
		if t.ID == types.Unknown {
			t = types.TextType
		}
		ps.params = append(ps.params, t)
	}
	se.stmts[m.Name] = ps
	se.w.send(&pgproto3.ParseComplete{})
}

// bind serves Bind: decode the parameters and make a portal.
func (se *session) bind(m *pgproto3.Bind) {
	ps, ok := se.stmts[m.PreparedStatement]
	if !ok {
		se.extendedError(noStatement(m.PreparedStatement), 0)
		return
	}
	if m.DestinationPortal != "" {
		if _, ok := se.portals[m.DestinationPortal]; ok {
			se.extendedError(sqlerr.Newf(sqlerr.Code("42P03"), "cursor \"%s\" already exists", m.DestinationPortal), 0)
			return
		}
	} else {
		se.closePortal("")
	}
	args, err := DecodeParams(ps.params, m.ParameterFormatCodes, m.Parameters)
	if err != nil {
		se.extendedError(err, 0)
		return
	}
	formats := append([]int16(nil), m.ResultFormatCodes...)
	if ps.cols != nil {
		if _, err := resolveFormats(formats, len(ps.cols), "result"); err != nil {
			se.extendedError(err, 0)
			return
		}
	}
	se.portals[m.DestinationPortal] = &portal{stmt: ps, args: args, formats: formats}
	se.w.send(&pgproto3.BindComplete{})
}

func noStatement(name string) error {
	if name == "" {
		return sqlerr.Newf(sqlerr.InvalidSQLStatementName, "unnamed prepared statement does not exist")
	}
	return sqlerr.Newf(sqlerr.InvalidSQLStatementName, "prepared statement \"%s\" does not exist", name)
}

func noPortal(name string) error {
	return sqlerr.Newf(sqlerr.Code("34000"), "portal \"%s\" does not exist", name)
}

// describe serves Describe of a statement (parameter types, then row
// description) or of a portal (row description in its result formats).
func (se *session) describe(m *pgproto3.Describe) {
	switch m.ObjectType {
	case 'S':
		ps, ok := se.stmts[m.Name]
		if !ok {
			se.extendedError(noStatement(m.Name), 0)
			return
		}
		oids := make([]uint32, len(ps.params))
		for i, t := range ps.params {
			oids[i] = TypeOID(t)
		}
		se.w.send(&pgproto3.ParameterDescription{ParameterOIDs: oids})
		se.sendDescription(ps.cols, nil)
	case 'P':
		p, ok := se.portals[m.Name]
		if !ok {
			se.extendedError(noPortal(m.Name), 0)
			return
		}
		cols := p.stmt.cols
		if p.rs != nil {
			cols = p.rs.rows.Columns()
		}
		formats, err := resolveFormats(p.formats, len(cols), "result")
		if err != nil {
			se.extendedError(err, 0)
			return
		}
		se.sendDescription(cols, formats)
	default:
		se.extendedError(protocolError("invalid DESCRIBE message subtype %d", m.ObjectType), 0)
	}
}

func (se *session) sendDescription(cols []warehoused.Column, formats []int16) {
	if len(cols) == 0 {
		se.w.send(&pgproto3.NoData{})
		return
	}
	se.w.send(rowDescription(cols, formats))
}

// execute serves Execute: run the portal's statement (first time) and send
// up to MaxRows rows, suspending the portal when more remain.
func (se *session) execute(ctx context.Context, m *pgproto3.Execute) {
	p, ok := se.portals[m.Portal]
	if !ok {
		se.extendedError(noPortal(m.Portal), 0)
		return
	}
	if p.stmt.empty {
		se.w.send(&pgproto3.EmptyQueryResponse{})
		return
	}
	if p.done {
		se.w.send(&pgproto3.CommandComplete{CommandTag: []byte(p.tag)})
		return
	}
	resumed := p.rs != nil
	if !resumed {
		p.ctx, p.cancel = context.WithCancel(ctx)
	}
	se.mu.Lock()
	se.running = p.cancel
	se.mu.Unlock()
	defer func() {
		se.mu.Lock()
		se.running = nil
		se.mu.Unlock()
	}()
	if !resumed {
		rows, err := se.start(p.ctx, p.stmt.st, p.args)
		if err != nil {
			se.closePortal(m.Portal)
			se.extendedError(err, 0)
			return
		}
		formats, err := resolveFormats(p.formats, len(rows.Columns()), "result")
		if err != nil {
			rows.Close()
			se.closePortal(m.Portal)
			se.extendedError(err, 0)
			return
		}
		p.rs = &rowStream{rows: rows, formats: formats, loc: se.conn.Location()}
	}
	done, err := se.sendRows(p.rs, int64(m.MaxRows))
	if err == nil && done {
		p.rs.rows.Close()
		err = p.rs.rows.Err()
	}
	if err != nil {
		se.closePortal(m.Portal)
		se.extendedError(err, 0)
		return
	}
	if !done {
		se.w.send(&pgproto3.PortalSuspended{})
		se.w.flush()
		return
	}
	tag := p.rs.rows.Tag()
	if resumed && strings.HasPrefix(tag, "SELECT ") {
		// PostgreSQL counts the rows of this Execute only.
		tag = "SELECT " + strconv.FormatInt(p.rs.sent, 10)
	}
	p.done, p.tag = true, tag
	p.cancel()
	se.sendNotices()
	se.w.send(&pgproto3.CommandComplete{CommandTag: []byte(tag)})
	se.reportParams()
}

// close serves Close of a statement or portal; closing one that does not
// exist is not an error.
func (se *session) close(m *pgproto3.Close) {
	switch m.ObjectType {
	case 'S':
		delete(se.stmts, m.Name)
	case 'P':
		se.closePortal(m.Name)
	default:
		se.extendedError(protocolError("invalid CLOSE message subtype %d", m.ObjectType), 0)
		return
	}
	se.w.send(&pgproto3.CloseComplete{})
}

// sync serves Sync: outside a transaction block the (implicit) transaction
// ends and takes its portals with it.
func (se *session) sync() {
	if se.conn.TxStatus() == 'I' {
		se.closePortals()
	}
	se.readyForQuery()
	se.w.flush()
}

func (se *session) closePortal(name string) {
	p, ok := se.portals[name]
	if !ok {
		return
	}
	delete(se.portals, name)
	if p.rs != nil {
		p.rs.rows.Close()
	}
	if p.cancel != nil {
		p.cancel()
	}
}

func (se *session) closePortals() {
	for name := range se.portals {
		se.closePortal(name)
	}
}

// unconstrainedNumeric lets the statement decide the precision and scale of
// parameters the client declared as plain NUMERIC (pgjdbc's setBigDecimal,
// pgx's describe cache): NUMERIC has no modifier on the wire, and taking it
// as DECIMAL(18,0) would round 0.19 to 0 before it reaches a DECIMAL(10,2)
// column.
func unconstrainedNumeric(given []types.T, oids []uint32) []types.T {
	out := given
	for i, oid := range oids {
		if oid == oidNumeric {
			if &out[0] == &given[0] {
				out = append([]types.T(nil), given...)
			}
			out[i] = types.UnknownType
		}
	}
	return out
}

// keepNumeric makes a NUMERIC parameter whose use did not settle on a DECIMAL
// type a wide DECIMAL, so its value is decoded as a number without rounding.
func keepNumeric(params []types.T, oids []uint32) []types.T {
	for i, oid := range oids {
		if oid == oidNumeric && i < len(params) && params[i].ID != types.Decimal {
			params[i] = types.DecimalType(38, 10)
		}
	}
	return params
}
