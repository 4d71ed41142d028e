package warehoused

import (
	"context"
	"reflect"
	"testing"
)

func TestParseOptions(t *testing.T) {
	cases := []struct {
		in   string
		want [][2]string
	}{
		{"", nil},
		{"-c search_path=s1", [][2]string{{"search_path", "s1"}}},
		{"-csearch_path=a --statement-timeout=5s", [][2]string{{"search_path", "a"}, {"statement_timeout", "5s"}}},
		{`-c application_name=my\ app  -c x`, [][2]string{{"application_name", "my app"}}},
		{"garbage -c", nil},
	}
	for _, tc := range cases {
		if got := parseOptions(tc.in); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("%q: got %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestConnectWith(t *testing.T) {
	ctx := context.Background()
	db, err := Open(ctx, "", Config{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	c, err := db.ConnectWith(ctx, ConnOptions{User: "carol", Database: "analytics", ApplicationName: "app",
		Params: map[string]string{"TimeZone": "Europe/Paris", "client_encoding": "LATIN1", "driver_version": "9",
			"options": "-c statement_timeout=1234"}})
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	check := func(when string) {
		t.Helper()
		want := map[string]string{"timezone": "Europe/Paris", "client_encoding": "UTF8", "application_name": "app",
			"statement_timeout": "1234", "session_authorization": "carol"}
		for k, v := range want {
			if got, _ := c.Setting(k); got != v {
				t.Errorf("%s: %s = %q, want %q", when, k, got, v)
			}
		}
		var user, dbname string
		rows, err := c.Query(ctx, "select current_user, current_database()")
		if err != nil {
			t.Fatal(err)
		}
		rows.Next()
		if err := rows.Scan(&user, &dbname); err != nil || user != "carol" || dbname != "analytics" {
			t.Errorf("%s: %q %q %v", when, user, dbname, err)
		}
		rows.Close()
	}
	check("start")
	if _, err := c.Exec(ctx, "set timezone = 'UTC'; set application_name = 'other'; reset all"); err != nil {
		t.Fatal(err)
	}
	check("after RESET ALL")
	if c.Location().String() != "Europe/Paris" {
		t.Errorf("location %s", c.Location())
	}
	if _, err := db.ConnectWith(ctx, ConnOptions{Params: map[string]string{"TimeZone": "Nowhere/Special"}}); err == nil {
		t.Error("invalid TimeZone accepted")
	}
}
