package warehoused

// catalogSystemTables are PostgreSQL's pg_catalog relations and
// information_schema views that clients read (ids 1000-1999).
var catalogSystemTables = []systemTable{}
