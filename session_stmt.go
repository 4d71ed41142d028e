package warehoused

import (
	"strings"

	"github.com/warehoused/warehoused/sql/ast"
	"github.com/warehoused/warehoused/sqlerr"
)

// Session statements that drivers and pools send at connect or when they
// reset a pooled connection: SET [SESSION CHARACTERISTICS AS] TRANSACTION,
// DISCARD, LISTEN/UNLISTEN/NOTIFY.

// isTransactionCharacteristics reports whether s is SET TRANSACTION ... or
// SET SESSION CHARACTERISTICS AS TRANSACTION ... (the converter keeps each
// item as a "name=value" string).
func isTransactionCharacteristics(s *ast.SetStmt) bool {
	return !s.Reset && (s.Name == "transaction" || s.Name == "session characteristics")
}

// isolationLevels are the levels the grammar accepts. Redshift runs every
// transaction serializable whatever is asked, and so does this engine:
// SHOW transaction_isolation keeps saying serializable.
var isolationLevels = map[string]bool{
	"read uncommitted": true, "read committed": true, "repeatable read": true, "serializable": true,
}

// setTransactionCharacteristics accepts the isolation level, READ
// ONLY/WRITE and [NOT] DEFERRABLE items, none of which changes how a
// transaction runs here (BEGIN READ ONLY is accepted the same way).
func (c *Conn) setTransactionCharacteristics(s *ast.SetStmt) (*Rows, error) {
	for _, v := range s.Values {
		k, ok := v.(*ast.Const)
		if !ok {
			continue
		}
		name, val, _ := strings.Cut(k.Text, "=")
		if name == "transaction_isolation" && !isolationLevels[strings.ToLower(val)] {
			return nil, sqlerr.Newf(sqlerr.InvalidParameterValue, "invalid value for parameter \"transaction_isolation\": \"%s\"", val)
		}
	}
	if s.Name == "transaction" && !c.tx.explicit {
		// PostgreSQL warns and ignores SET TRANSACTION outside a block.
		c.notice(SeverityWarning, sqlerr.NoActiveSQLTransaction, "SET TRANSACTION can only be used in transaction blocks")
	}
	return emptyRows("SET"), nil
}

// discard runs DISCARD ALL | PLANS | SEQUENCES | TEMP with PostgreSQL's
// meaning. DISCARD ALL returns the session to its state after connecting:
// no (WITH HOLD) cursors, no prepared statements,
// settings back to their start-up values, no temporary tables. There are
// no cached plans, sequences, listeners or advisory locks to drop.
func (c *Conn) discard(s *ast.DiscardStmt) (*Rows, error) {
	tag := "DISCARD " + strings.ToUpper(s.Target)
	switch s.Target {
	case "all":
		if c.tx.explicit {
			return nil, sqlerr.Newf(sqlerr.ActiveSQLTransaction, "DISCARD ALL cannot run inside a transaction block")
		}
		c.closeHeldCursors()
		c.prepared = map[string]*prepared{}
		if _, err := c.set(&ast.SetStmt{Reset: true, All: true}); err != nil {
			return nil, err
		}
		if err := c.dropTempTables(); err != nil {
			return nil, err
		}
	case "temp":
		if err := c.dropTempTables(); err != nil {
			return nil, err
		}
	}
	return emptyRows(tag), nil
}

// dropTempTables drops the session's temporary tables in the current
// transaction, so DISCARD TEMP inside a block rolls back with it.
func (c *Conn) dropTempTables() error {
	if !c.hasTemp {
		return nil
	}
	name := "pg_temp_" + itoa(c.id)
	if _, ok := c.tx.work.cat.Schema(name); !ok {
		return nil
	}
	ids, err := c.tx.catalogForWrite().DropSchema(name, true)
	if err != nil {
		return err
	}
	for _, id := range ids {
		if c.tx.work.data[id] != nil {
			c.tx.setData(id, nil)
		}
	}
	return nil
}

// listen runs UNLISTEN. Redshift has no asynchronous notifications (the
// parser refuses LISTEN and NOTIFY with 0A000); UNLISTEN, which pools send
// on reset, has nothing to undo and succeeds.
func (c *Conn) listen(s *ast.ListenStmt) (*Rows, error) {
	if s.Kind == "unlisten" {
		return emptyRows("UNLISTEN"), nil
	}
	return nil, sqlerr.Newf(sqlerr.FeatureNotSupported, "%s is not supported", strings.ToUpper(s.Kind))
}
