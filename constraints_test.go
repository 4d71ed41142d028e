package warehoused

import (
	"context"
	"reflect"
	"testing"

	"github.com/warehoused/warehoused/catalog"
	"github.com/warehoused/warehoused/sqlerr"
)

func constraintConn(t *testing.T) *Conn {
	t.Helper()
	_, c := openTestConn(t, Config{})
	return c
}

func constraintsOf(t *testing.T, c *Conn, table string) []catalog.Constraint {
	t.Helper()
	st, err := c.db.current()
	if err != nil {
		t.Fatal(err)
	}
	tab := st.cat.Find("public", table)
	if tab == nil {
		t.Fatalf("no table %s", table)
	}
	return tab.Constraints
}

func tableID(t *testing.T, c *Conn, table string) catalog.TableID {
	st, _ := c.db.current()
	return st.cat.Find("public", table).ID
}

func TestConstraints(t *testing.T) {
	type want = []catalog.Constraint
	tests := []struct {
		name  string
		stmts []string
		table string
		want  func(c *Conn) want
	}{
		{"column level", []string{"CREATE TABLE t (id INT PRIMARY KEY, code VARCHAR(5) UNIQUE, n INT)"}, "t",
			func(*Conn) want {
				return want{{Name: "t_pkey", Kind: 'p', Columns: []int{0}}, {Name: "t_code_key", Kind: 'u', Columns: []int{1}}}
			}},
		{"table level and foreign keys", []string{
			"CREATE TABLE u (a INT, b INT, CONSTRAINT u_main PRIMARY KEY (a, b))",
			"CREATE TABLE t (x INT, y INT, z INT REFERENCES u (b), UNIQUE (x, y), FOREIGN KEY (x, y) REFERENCES u)"}, "t",
			func(c *Conn) want {
				u := tableID(t, c, "u")
				return want{{Name: "t_x_y_key", Kind: 'u', Columns: []int{0, 1}},
					{Name: "t_z_fkey", Kind: 'f', Columns: []int{2}, RefTable: u, RefColumns: []int{1}},
					{Name: "t_x_y_fkey", Kind: 'f', Columns: []int{0, 1}, RefTable: u, RefColumns: []int{0, 1}}}
			}},
		{"self reference", []string{"CREATE TABLE emp (id INT PRIMARY KEY, boss INT REFERENCES emp)"}, "emp",
			func(c *Conn) want {
				return want{{Name: "emp_pkey", Kind: 'p', Columns: []int{0}},
					{Name: "emp_boss_fkey", Kind: 'f', Columns: []int{1}, RefTable: tableID(t, c, "emp"), RefColumns: []int{0}}}
			}},
		{"alter add and drop", []string{
			"CREATE TABLE t (a INT NOT NULL, b INT, c INT)",
			"ALTER TABLE t ADD PRIMARY KEY (a)",
			"ALTER TABLE t ADD CONSTRAINT bc UNIQUE (b, c)",
			"ALTER TABLE t ADD UNIQUE (c)",
			"ALTER TABLE t DROP CONSTRAINT bc"}, "t",
			func(*Conn) want {
				return want{{Name: "t_pkey", Kind: 'p', Columns: []int{0}}, {Name: "t_c_key", Kind: 'u', Columns: []int{2}}}
			}},
		{"name collision", []string{"CREATE TABLE t (a INT UNIQUE, b INT)", "ALTER TABLE t ADD UNIQUE (a)"}, "t",
			func(*Conn) want {
				return want{{Name: "t_a_key", Kind: 'u', Columns: []int{0}}, {Name: "t_a_key1", Kind: 'u', Columns: []int{0}}}
			}},
		{"drop and rename columns", []string{
			"CREATE TABLE t (a INT, b INT, c INT, d INT, PRIMARY KEY (a, b), UNIQUE (d), UNIQUE (c))",
			"ALTER TABLE t RENAME COLUMN d TO dd",
			"ALTER TABLE t DROP COLUMN b"}, "t",
			func(*Conn) want {
				return want{{Name: "t_d_key", Kind: 'u', Columns: []int{2}}, {Name: "t_c_key", Kind: 'u', Columns: []int{1}}}
			}},
		{"referenced column shifts", []string{
			"CREATE TABLE u (a INT, b INT, c INT UNIQUE)",
			"CREATE TABLE t (x INT REFERENCES u (c))",
			"ALTER TABLE u DROP COLUMN a"}, "t",
			func(c *Conn) want {
				return want{{Name: "t_x_fkey", Kind: 'f', Columns: []int{0}, RefTable: tableID(t, c, "u"), RefColumns: []int{1}}}
			}},
		{"drop cascade removes foreign keys", []string{
			"CREATE TABLE u (a INT PRIMARY KEY)",
			"CREATE TABLE t (x INT REFERENCES u, y INT UNIQUE)",
			"DROP TABLE u CASCADE"}, "t",
			func(*Conn) want { return want{{Name: "t_y_key", Kind: 'u', Columns: []int{1}}} }},
		{"drop key cascade", []string{
			"CREATE TABLE u (a INT PRIMARY KEY)",
			"CREATE TABLE t (x INT REFERENCES u, y INT REFERENCES u (a))",
			"ALTER TABLE u DROP CONSTRAINT u_pkey CASCADE"}, "t",
			func(*Conn) want { return nil }},
		{"drop column cascade", []string{
			"CREATE TABLE u (a INT PRIMARY KEY, b INT)",
			"CREATE TABLE t (x INT REFERENCES u)",
			"ALTER TABLE u DROP COLUMN a CASCADE"}, "t",
			func(*Conn) want { return nil }},
		{"rollback keeps old constraints", []string{
			"CREATE TABLE t (a INT PRIMARY KEY)",
			"BEGIN", "ALTER TABLE t DROP CONSTRAINT t_pkey", "ROLLBACK"}, "t",
			func(*Conn) want { return want{{Name: "t_pkey", Kind: 'p', Columns: []int{0}}} }},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c := constraintConn(t)
			for _, s := range tc.stmts {
				if _, err := c.Exec(context.Background(), s); err != nil {
					t.Fatalf("%s: %v", s, err)
				}
			}
			got := constraintsOf(t, c, tc.table)
			if w := tc.want(c); !reflect.DeepEqual(got, w) && !(len(got) == 0 && len(w) == 0) {
				t.Fatalf("constraints\n got %+v\nwant %+v", got, w)
			}
		})
	}
}

func TestConstraintErrors(t *testing.T) {
	tests := []struct {
		setup []string
		stmt  string
		code  sqlerr.Code
	}{
		{nil, "CREATE TABLE t (a INT PRIMARY KEY, b INT, PRIMARY KEY (b))", sqlerr.InvalidTableDefinition},
		{nil, "CREATE TABLE t (a INT, PRIMARY KEY (nope))", sqlerr.UndefinedColumn},
		{nil, "CREATE TABLE t (a INT, b INT, UNIQUE (a, a))", sqlerr.DuplicateColumn},
		{nil, "CREATE TABLE t (a INT REFERENCES nope)", sqlerr.UndefinedTable},
		{[]string{"CREATE TABLE u (a INT)"}, "CREATE TABLE t (a INT REFERENCES u)", sqlerr.InvalidForeignKey},
		{[]string{"CREATE TABLE u (a INT, b INT)"}, "CREATE TABLE t (a INT, FOREIGN KEY (a) REFERENCES u (a, b))", sqlerr.InvalidForeignKey},
		{[]string{"CREATE TABLE u (a INT)"}, "CREATE TABLE t (a INT REFERENCES u (zz))", sqlerr.UndefinedColumn},
		{[]string{"CREATE TEMP TABLE u (a INT PRIMARY KEY)"}, "CREATE TABLE t (a INT REFERENCES u)", sqlerr.InvalidTableDefinition},
		{[]string{"CREATE TABLE u (a INT PRIMARY KEY)", "CREATE TABLE t (a INT REFERENCES u)"}, "DROP TABLE u", sqlerr.DependentObjectsStillExist},
		{[]string{"CREATE TABLE u (a INT PRIMARY KEY)", "CREATE TABLE t (a INT REFERENCES u)"}, "ALTER TABLE u DROP CONSTRAINT u_pkey", sqlerr.DependentObjectsStillExist},
		{[]string{"CREATE TABLE u (a INT PRIMARY KEY, b INT)", "CREATE TABLE t (a INT REFERENCES u)"}, "ALTER TABLE u DROP COLUMN a", sqlerr.DependentObjectsStillExist},
		{[]string{"CREATE TABLE t (a INT)"}, "ALTER TABLE t DROP CONSTRAINT nope", sqlerr.UndefinedObject},
		{[]string{"CREATE TABLE t (a INT, CONSTRAINT k UNIQUE (a))"}, "ALTER TABLE t ADD CONSTRAINT k PRIMARY KEY (a)", sqlerr.DuplicateObject},
		{[]string{"CREATE TABLE t (a INT)", "INSERT INTO t VALUES (1), (NULL)"}, "ALTER TABLE t ADD PRIMARY KEY (a)", sqlerr.NotNullViolation},
		{[]string{"CREATE TABLE t (a INT PRIMARY KEY)"}, "INSERT INTO t VALUES (NULL)", sqlerr.NotNullViolation},
		{[]string{"CREATE TABLE t (a INT)"}, "ALTER TABLE t ADD CONSTRAINT c CHECK (a > 0)", sqlerr.FeatureNotSupported},
	}
	for _, tc := range tests {
		t.Run(tc.stmt, func(t *testing.T) {
			c := constraintConn(t)
			for _, s := range tc.setup {
				if _, err := c.Exec(context.Background(), s); err != nil {
					t.Fatalf("%s: %v", s, err)
				}
			}
			_, err := c.Exec(context.Background(), tc.stmt)
			if got := sqlerr.CodeOf(err); got != tc.code {
				t.Fatalf("want %s, got %s (%v)", tc.code, got, err)
			}
		})
	}
}

// TestConstraintsSurviveRestart checks constraints persist with the catalog.
func TestConstraintsSurviveRestart(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	db, err := Open(ctx, dir, Config{})
	if err != nil {
		t.Fatal(err)
	}
	c, err := db.Connect(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{"CREATE TABLE u (a INT PRIMARY KEY)", "CREATE TABLE t (x INT REFERENCES u, y INT UNIQUE)"} {
		if _, err := c.Exec(ctx, s); err != nil {
			t.Fatal(err)
		}
	}
	want := constraintsOf(t, c, "t")
	c.Close()
	db.Close()
	db, err = Open(ctx, dir, Config{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	c2, err := db.Connect(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer c2.Close()
	if got := constraintsOf(t, c2, "t"); !reflect.DeepEqual(got, want) || len(got) != 2 {
		t.Fatalf("after reopen %+v, want %+v", got, want)
	}
}
