package warehoused

import (
	"context"
	"encoding/json"
	"strconv"
	"time"

	"github.com/warehoused/warehoused/catalog"
	"github.com/warehoused/warehoused/sqlerr"
	"github.com/warehoused/warehoused/storage"
	"github.com/warehoused/warehoused/storage/block"
	"github.com/warehoused/warehoused/storage/encoding"
	"github.com/warehoused/warehoused/types"
)

// The parts of a root manifest the root package keeps in block.Root.Extra.
const (
	extraSetup    = "setup"    // databaseSetup: what was fixed at creation
	extraIdentity = "identity" // next IDENTITY values per table and column
	extraChanged  = "changed"  // rows changed per table over its life (for stats_off)
)

// databaseSetup is fixed when a database is created: Redshift sets the number
// of slices with the cluster, and data is placed by it.
type databaseSetup struct {
	Slices int `json:"slices"`
}

// openDurable opens the block store in db.dir and loads the last committed
// state from it.
func (db *DB) openDurable(ctx context.Context) error {
	st, err := block.Open(ctx, db.dir, block.Options{CacheBytes: db.cfg.CacheBytes, NoSync: db.cfg.NoSync})
	if err != nil {
		return err
	}
	db.store = st
	root := st.Current()
	if root.Version == 0 {
		db.root = root
		db.state = newState()
		return db.commitSetup(ctx)
	}
	var setup databaseSetup
	if err := json.Unmarshal(root.Extra[extraSetup], &setup); err != nil || setup.Slices <= 0 {
		st.Close()
		return sqlerr.Newf(sqlerr.DataCorrupted, "database setup in \"%s\" is corrupt", db.dir)
	}
	db.cfg.Slices = setup.Slices
	state, err := db.loadState(ctx, root)
	if err != nil {
		st.Close()
		return err
	}
	db.root, db.state = root, state
	if _, err := st.GC(ctx, []block.Root{root}, storage.ManifestRefs); err != nil {
		db.cfg.Logger.Warn("garbage collection at open failed", "err", err)
	}
	return nil
}

// commitSetup writes the first root of a new database.
func (db *DB) commitSetup(ctx context.Context) error {
	setup, _ := json.Marshal(databaseSetup{Slices: db.cfg.Slices})
	catBytes, err := db.state.cat.Encode()
	if err != nil {
		return err
	}
	r := block.Root{Version: 1, Catalog: catBytes, Tables: map[uint64]string{}, Extra: map[string][]byte{extraSetup: setup}}
	if err := db.store.Commit(ctx, r); err != nil {
		return err
	}
	db.root = r
	return nil
}

// loadState rebuilds the database state of a root manifest.
func (db *DB) loadState(ctx context.Context, root block.Root) (*dbState, error) {
	cat, err := catalog.Decode(root.Catalog, registerSystemTables)
	if err != nil {
		return nil, err
	}
	ident := map[string]map[string]int64{}
	if b := root.Extra[extraIdentity]; len(b) > 0 {
		if err := json.Unmarshal(b, &ident); err != nil {
			return nil, sqlerr.Wrapf(err, sqlerr.DataCorrupted, "identity counters are corrupt")
		}
	}
	changed := map[string]int64{}
	if b := root.Extra[extraChanged]; len(b) > 0 {
		if err := json.Unmarshal(b, &changed); err != nil {
			return nil, sqlerr.Wrapf(err, sqlerr.DataCorrupted, "change counters are corrupt")
		}
	}
	s := &dbState{cat: cat, data: map[catalog.TableID]*tableData{}}
	for idNum, hash := range root.Tables {
		id := catalog.TableID(idNum)
		t := cat.ByID(id)
		if t == nil || t.Kind != catalog.KindTable {
			return nil, sqlerr.Newf(sqlerr.DataCorrupted, "stored table %d is not in the catalog", idNum)
		}
		man, err := db.store.Get(ctx, hash)
		if err != nil {
			return nil, err
		}
		tab, err := storage.LoadColTable(ctx, db.store, db.layout(t), man)
		if err != nil {
			return nil, err
		}
		next := map[int]int64{}
		for col, v := range ident[strconv.FormatUint(idNum, 10)] {
			i, err := strconv.Atoi(col)
			if err != nil {
				return nil, sqlerr.Newf(sqlerr.DataCorrupted, "identity counters are corrupt")
			}
			next[i] = v
		}
		s.data[id] = &tableData{tab: tab, next: next, manifest: hash, changed: changed[strconv.FormatUint(idNum, 10)]}
	}
	// Tables the catalog has but the root does not (created empty and never
	// written before the manifest recorded them) start empty.
	for _, t := range cat.Tables() {
		if t.Kind == catalog.KindTable && s.data[t.ID] == nil {
			s.data[t.ID] = db.emptyTableData(t)
		}
	}
	return s, nil
}

// persist writes the state a commit produces (changed tables' manifests, the
// catalog, identity counters) and switches the root to it. Called with db.mu
// held, before the state is installed: a failure leaves the old state in force.
func (db *DB) persist(ctx context.Context, next *dbState, changed map[catalog.TableID]bool) error {
	if db.store == nil {
		return nil
	}
	r := block.Root{Version: db.root.Version + 1, Tables: make(map[uint64]string, len(next.data)), Extra: map[string][]byte{}}
	for k, v := range db.root.Extra {
		r.Extra[k] = v
	}
	ident := map[string]map[string]int64{}
	counts := map[string]int64{}
	for id, d := range next.data {
		ct, ok := d.tab.(*storage.ColTable)
		if !ok {
			continue // temporary tables live in memory
		}
		if changed[id] || d.manifest == "" {
			man, err := ct.Manifest()
			if err != nil {
				return err
			}
			h, err := db.store.Put(ctx, man)
			if err != nil {
				return err
			}
			cp := *d
			cp.manifest = h
			next.data[id] = &cp
			d = &cp
		}
		r.Tables[uint64(id)] = d.manifest
		if d.changed > 0 {
			counts[strconv.FormatUint(uint64(id), 10)] = d.changed
		}
		if len(d.next) > 0 {
			m := map[string]int64{}
			for col, v := range d.next {
				m[strconv.Itoa(col)] = v
			}
			ident[strconv.FormatUint(uint64(id), 10)] = m
		}
	}
	identBytes, err := json.Marshal(ident)
	if err != nil {
		return sqlerr.Wrapf(err, sqlerr.InternalError, "identity counters")
	}
	r.Extra[extraIdentity] = identBytes
	if r.Extra[extraChanged], err = json.Marshal(counts); err != nil {
		return sqlerr.Wrapf(err, sqlerr.InternalError, "change counters")
	}
	if r.Catalog, err = next.cat.Encode(); err != nil {
		return err
	}
	if err := db.store.Commit(ctx, r); err != nil {
		return err
	}
	db.root = r
	db.commitsSinceGC++
	return nil
}

// layout describes a catalog table to storage.
func (db *DB) layout(t *catalog.Table) storage.Layout {
	l := storage.Layout{
		Name:        t.Schema + "." + t.Name,
		ColumnNames: make([]string, len(t.Columns)),
		Types:       make([]types.T, len(t.Columns)),
		Encodings:   make([]encoding.Kind, len(t.Columns)),
		Dist:        storage.Dist(t.DistStyle),
		DistKey:     -1,
		SortKey:     append([]int(nil), t.SortKey...),
		Interleaved: t.SortStyle == catalog.SortInterleaved,
		Slices:      db.cfg.Slices,
		SortMemory:  db.cfg.SortMemory,
	}
	if t.DistStyle == catalog.DistKey {
		l.DistKey = t.DistKey
	}
	for i, c := range t.Columns {
		l.ColumnNames[i] = c.Name
		l.Types[i] = c.Type
		l.Encodings[i] = db.columnEncoding(t, i)
	}
	return l
}

// emptyTableData is the storage of a new table with no rows.
func (db *DB) emptyTableData(t *catalog.Table) *tableData {
	ts := make([]types.T, len(t.Columns))
	next := map[int]int64{}
	for i, col := range t.Columns {
		ts[i] = col.Type
		if col.Identity != nil {
			next[i] = col.Identity.Seed
		}
	}
	return &tableData{tab: db.newTable(t, ts), next: next}
}

// pin marks a snapshot as in use (a transaction or open rows); garbage
// collection runs only when nothing is pinned, so no reader ever finds a block
// gone and no uncommitted writer loses the blocks it put.
func (db *DB) pin() {
	db.mu.Lock()
	db.pins++
	db.mu.Unlock()
}

// release drops an explicit transaction's pin (nil and unpinned ones: no-op).
func (db *DB) release(tx *txn) {
	tx.closeCursors()
	if tx != nil && tx.pinned {
		tx.pinned = false
		db.unpin()
	}
}

// unpin releases a pin; the last one out may start a garbage collection.
func (db *DB) unpin() {
	db.mu.Lock()
	db.pins--
	db.mu.Unlock()
	db.maybeCollect()
}

// maybeCollect starts a garbage collection when nothing is pinned and
// something was committed since the last one, at most every gcInterval; a
// collection held back by the interval is scheduled for when it ends.
func (db *DB) maybeCollect() {
	db.mu.Lock()
	defer db.mu.Unlock()
	if db.pins != 0 || db.store == nil || db.closed || db.gcRunning || db.commitsSinceGC == 0 {
		return
	}
	if wait := gcInterval - time.Since(db.lastGC); wait > 0 {
		if db.gcTimer == nil {
			db.gcWG.Add(1)
			db.gcTimer = time.AfterFunc(wait, func() {
				defer db.gcWG.Done()
				db.mu.Lock()
				db.gcTimer = nil
				db.mu.Unlock()
				db.maybeCollect()
			})
		}
		return
	}
	db.gcRunning = true
	db.commitsSinceGC = 0
	db.gcWG.Add(1)
	go db.collect(db.root)
}

// stopScheduledCollect cancels a collection waiting for its interval (Close
// must not wait for it). Called with db.mu held.
func (db *DB) stopScheduledCollect() {
	if db.gcTimer != nil && db.gcTimer.Stop() {
		db.gcTimer = nil
		db.gcWG.Done()
	}
}

// CollectGarbage removes the blocks only superseded versions used, now, when
// no transaction or open result holds an older snapshot (otherwise it
// leaves them for a later collection). Garbage is also collected by itself
// in the background; this is for callers that measure disk use.
func (db *DB) CollectGarbage(ctx context.Context) error {
	db.mu.Lock()
	// A collection already running may have started before the last
	// commit: wait for it, then collect again.
	for db.gcRunning {
		db.mu.Unlock()
		select {
		case <-ctx.Done():
			return sqlerr.Canceled(ctx)
		case <-time.After(10 * time.Millisecond):
		}
		db.mu.Lock()
	}
	if db.store == nil || db.closed || db.pins != 0 {
		db.mu.Unlock()
		return nil
	}
	db.gcRunning = true
	db.commitsSinceGC = 0
	root := db.root
	db.gcWG.Add(1)
	db.mu.Unlock()
	db.collect(root)
	return ctx.Err()
}

// gcInterval keeps garbage collection from running after every statement.
const gcInterval = 2 * time.Second

// collect removes blocks that only superseded versions used. Blocks put while
// it runs are safe (block.Store guarantees it), and the live root is the
// current one because nothing older was pinned when it started.
func (db *DB) collect(root block.Root) {
	defer db.gcWG.Done()
	if _, err := db.store.GC(context.Background(), []block.Root{root}, storage.ManifestRefs); err != nil {
		db.cfg.Logger.Warn("garbage collection failed", "err", err)
	}
	db.mu.Lock()
	db.gcRunning = false
	db.lastGC = time.Now()
	db.mu.Unlock()
}
