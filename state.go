package warehoused

import (
	"time"

	"github.com/warehoused/warehoused/catalog"
	"github.com/warehoused/warehoused/storage"
)

// dbState is one immutable version of the whole database: the catalog plus
// each table's data. Commits replace it as a whole.
type dbState struct {
	cat    *catalog.Catalog
	catVer uint64
	data   map[catalog.TableID]*tableData
}

// tableData is one immutable version of a stored table's contents.
type tableData struct {
	tab storage.Table
	// manifest is the blob hash of tab's manifest in the current root ("" when
	// not yet written or not durable).
	manifest string
	// next holds the next IDENTITY value per column ordinal.
	next map[int]int64
	// changed counts the rows inserted, deleted or updated over the table's
	// life; stats_off compares it with its value at the last ANALYZE.
	changed int64
}

// replaced is d with new contents, IDENTITY counters, and n more changed rows.
func (d *tableData) replaced(tab storage.Table, next map[int]int64, n int64) *tableData {
	cp := *d
	cp.tab, cp.next, cp.manifest = tab, next, ""
	cp.changed += max(n, 0)
	return &cp
}

func newState() *dbState {
	s := &dbState{cat: catalog.New(), data: map[catalog.TableID]*tableData{}}
	registerSystemTables(s.cat)
	return s
}

func (s *dbState) clone() *dbState {
	n := &dbState{cat: s.cat, catVer: s.catVer, data: make(map[catalog.TableID]*tableData, len(s.data))}
	for k, v := range s.data {
		n.data[k] = v
	}
	return n
}

// txn is a transaction: a private working state derived from the snapshot it
// started from. Commit merges the tables (and catalog) it changed into the
// latest committed state.
type txn struct {
	base     *dbState
	work     *dbState
	own      bool // work is a private clone (else it is base)
	wrote    map[catalog.TableID]bool
	wroteCat bool
	explicit bool
	pinned   bool // holds a DB pin (explicit transactions, from BEGIN to their end)
	aborted  bool
	start    time.Time
	cursors  map[string]*cursor // DECLAREd cursors; db.release closes them (cursor.go)
}

func newTxn(base *dbState, explicit bool) *txn {
	return &txn{base: base, work: base, wrote: map[catalog.TableID]bool{}, explicit: explicit, start: time.Now()}
}

func (t *txn) dirty() bool { return t.wroteCat || len(t.wrote) > 0 }

func (t *txn) mutable() *dbState {
	if !t.own {
		t.work = t.work.clone()
		t.own = true
	}
	return t.work
}

// catalogForWrite returns a private catalog to change.
func (t *txn) catalogForWrite() *catalog.Catalog {
	w := t.mutable()
	if !t.wroteCat {
		w.cat = w.cat.Clone()
		t.wroteCat = true
	}
	return w.cat
}

// setData installs a new version of a table's data (nil drops it).
func (t *txn) setData(id catalog.TableID, d *tableData) {
	w := t.mutable()
	if d == nil {
		delete(w.data, id)
	} else {
		w.data[id] = d
	}
	t.wrote[id] = true
}
