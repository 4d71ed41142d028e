package bind

import (
	"testing"
)

// TestNoPanic binds odd statements: errors are fine, panics are not, and a
// successful plan must hold no subquery and read only columns it gets.
func TestNoPanic(t *testing.T) {
	cat := newFakeCatalog(t)
	qs := []string{
		"select", "select *", "select 1 from t where null", "select null::int + 1",
		"select a from t where a in (select a from u union select 1)",
		"select (select (select a from u limit 1)) from t",
		"select a from t where exists (select 1 from u where u.a = t.a and exists (select 1 from t t3 where t3.a = u.a))",
		"select a from t where exists (select 1 from u where exists (select 1 from t t3 where t3.b = t.b))",
		"select a from t where (select count(*) from u where u.a = t.a) > 0",
		"select a from t where exists (select count(*) from u where u.a = t.a)",
		"select a from t where a in (select max(a) from u where u.x = t.b)",
		"select a from t where a = any (select a from u where u.x = t.b) or b = 'x'",
		"select a from t where a <> all (select a from u)",
		"select a from t where not (a > all (select a from u))",
		"select * from t where a in (select a from u where u.x = t.b order by 1)",
		"select sum(a) over (partition by b), count(*) over () from t group by a, b",
		"select a, sum(a) filter (where b is null) over () from t",
		"select a from t group by a having a > (select avg(a) from u)",
		"select a, b from t group by 1, 2 order by 2, 1",
		"select a from t order by (select 1)",
		"select * from (select * from t) s join lateral (select count(*) c from u where u.a = s.a) z on true",
		"select * from t, lateral (select * from u where u.a > t.a) z",
		"select * from t cross join u",
		"select * from t right join u on t.a = u.a",
		"select * from t full join u using (a)",
		"select a from t natural join u",
		"select 1 union select 'a'",
		"select null union select null",
		"select * from (values (null, 1), (2, null)) v(x, y)",
		"with recursive r as (select 1 as n union select n + 1 from r where n < 5) select count(*) from r",
		"with a as (select 1 x), b as (select x + 1 y from a) select * from b, a",
		"select $1 + 1, $2 || 'x'",
		"select interval '1 day' + d, d - date '2020-01-01' from t",
		"select date_trunc('day', now()), current_date",
		"select a from t where b similar to 'a%' and b not ilike 'B%' escape '!'",
		"select case a when 1 then 'one' when 2 then 'two' end from t",
		"select -2147483648, 9223372036854775807, 99999999999999999999999, 1e3, -1.5",
		"select a from t limit all",
		"select a from t limit null offset 0",
		"select distinct on (a, b) a from t",
		"select a from t where a = (select a from u)",
		"select grouping(a, b), a, b from t group by rollup (a, b)",
		"select array(select 1)",
		"update t set a = 1, a = 2",
		"insert into t (a) select a from u",
		"insert into t (a, b) values (1, 'x'), (2, default)",
		"delete from t using u, u as u2 where t.a = u.a and u2.a = u.a",
		"select count(*) from stv_slices, va",
		"select * from generate_series(1, 10, 2), generate_series(1.5, 3.0, 0.5) x",
		"select * from generate_series('2020-01-01'::timestamp, '2020-02-01'::timestamp, interval '1 day')",
		"select a::varchar(2), 'abcdef'::char(3) from t",
		"select * from t t1 join t t2 on t1.a = t2.a join t t3 on t3.a = t2.a and t3.b = (select max(x) from u)",
		"select a from t where a in (1, 2.5, null)",
		"select b from t where b in ('x', null)",
		"select coalesce(null, null)",
		"select 1 where false",
		"select a from t group by ()",
		"select a from t order by a using <",
		"select sum(a) from t order by b",
		"select a from t intersect all select a from u",
		"select max(a) from t where exists (select * from u where u.a = t.a limit 0)",
	}
	for _, q := range qs {
		func() {
			defer func() {
				if r := recover(); r != nil {
					t.Errorf("%s: panic %v", q, r)
				}
			}()
			st, err := parseStmt(q)
			if err != nil {
				return
			}
			n, err := bindStmt(cat, st)
			if err != nil {
				if testing.Verbose() {
					t.Logf("%s: %v", q, err)
				}
				return
			}
			if s := findSubquery(n); s != "" {
				t.Errorf("%s: subquery survived", q)
			}
			if err := checkRefs(n); err != nil {
				t.Errorf("%s: %v\n%s", q, err, dump(n))
			}
		}()
	}
}
