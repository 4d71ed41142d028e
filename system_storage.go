package warehoused

// storageSystemTables are Redshift's views of stored tables and blocks
// (ids 2000-2999).
var storageSystemTables = []systemTable{}
