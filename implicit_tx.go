package warehoused

// A simple-protocol Query message with several statements runs them as one
// implicit transaction block, as PostgreSQL does: an error in any statement
// rolls back the ones before it. A BEGIN inside the string turns the block
// into an explicit transaction (it stays open after the string); COMMIT or
// ROLLBACK inside it ends the block with a warning, and the statements after
// it start a new block.
//
// The block is a transaction held in c.tx with explicit set, so statements
// run in it without committing, and marked by c.implicit so TxStatus still
// reports idle and txControl knows BEGIN may adopt it. Like an explicit
// transaction it pins the DB so garbage collection keeps its blocks.

// BeginImplicit starts an implicit transaction block unless a transaction
// (implicit or explicit) is already open. Protocol servers call it before
// each statement of a multi-statement simple query.
func (c *Conn) BeginImplicit() error {
	if c.closed || c.tx != nil {
		return nil
	}
	st, err := c.db.current()
	if err != nil {
		return err
	}
	c.tx = newTxn(st, true)
	c.tx.pinned = true
	c.db.pin()
	c.implicit = true
	return nil
}

// EndImplicit ends the implicit transaction block, if one is open: commit
// applies its work unless a statement in it failed; otherwise it rolls
// back. An explicit transaction (BEGIN ran in the string) stays open.
func (c *Conn) EndImplicit(commit bool) error {
	if !c.implicit {
		return nil
	}
	tx := c.tx
	c.tx = nil
	c.implicit = false
	if tx == nil {
		return nil
	}
	defer c.db.release(tx)
	if !commit || tx.aborted {
		return nil
	}
	return c.db.commit(tx)
}
