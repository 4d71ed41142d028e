package storage

// VacuumMode is the kind of VACUUM Redshift runs.
type VacuumMode uint8

// VACUUM variants.
const (
	VacuumFull       VacuumMode = iota // reclaim deleted rows and re-sort (Redshift's default)
	VacuumSortOnly                     // re-sort, keep deleted rows' space
	VacuumDeleteOnly                   // reclaim deleted rows, no sort
	VacuumReindex                      // interleaved keys: recompute z-order ranges, then FULL
)

// CONTRACT for ColTable (the durable Table), implemented in coltable*.go:
//
//   // ColTable is one immutable version of a stored table: per slice, a list
//   // of row groups; a row group has one block per column (all of
//   // Layout.BlockRows rows but the last), a zone map per block, and a
//   // delete vector. The first rows of each slice up to SortedRows form the
//   // sorted region.
//   type ColTable struct{ ... }
//   func NewColTable(s *block.Store, l Layout) *ColTable
//   // LoadColTable rebuilds a version from its manifest (see Manifest).
//   func LoadColTable(ctx context.Context, s *block.Store, l Layout, manifest []byte) (*ColTable, error)
//   // Manifest serializes this version (row groups, block metas incl. zone
//   // maps, delete vectors, sorted-region bounds): the root package Puts it
//   // as a blob and records its hash in the root manifest.
//   func (t *ColTable) Manifest() ([]byte, error)
//   // ManifestRefs lists the block/blob hashes a manifest references (for GC).
//   func ManifestRefs(manifest []byte) ([]string, error)
//   func (t *ColTable) Layout() Layout
//   func (t *ColTable) Info() TableInfo
//   // Vacuum returns a rewritten version: sorted (unless DeleteOnly), without
//   // deleted rows (unless SortOnly); it does nothing when the table is already
//   // at least threshold percent sorted (SORT) / the deleted rows are at most
//   // 100-threshold percent (DELETE). threshold 0 means Redshift's default 95.
//   func (t *ColTable) Vacuum(ctx context.Context, mode VacuumMode, threshold int) (*ColTable, error)
//   // plus every method of Table.
