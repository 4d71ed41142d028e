package tpchcheck

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/warehoused/warehoused/catalog"
	"github.com/warehoused/warehoused/exec"
	"github.com/warehoused/warehoused/planner/bind"
	"github.com/warehoused/warehoused/planner/physical"
	"github.com/warehoused/warehoused/planner/plan"
	"github.com/warehoused/warehoused/planner/rules"
	"github.com/warehoused/warehoused/sql"
	"github.com/warehoused/warehoused/sql/ast"
	"github.com/warehoused/warehoused/storage"
	"github.com/warehoused/warehoused/types"
)

// allRules disables every optimizer rule: the plan runs as bound.
var allRules = map[string]bool{
	"fold_constants": true, "simplify_outer_joins": true, "factor_or_predicates": true,
	"push_down_filters": true, "push_down_semi_joins": true, "reorder_joins": true, "prune_columns": true,
	"reduce_aggregates": true,
}

// differentialQueries exercise the rules on the small TPC-H tables; each is
// run with and without optimisation and the results must match.
var differentialQueries = []string{
	`select n_name, r_name from nation, region where n_regionkey = r_regionkey and r_name like 'A%'`,
	`select n_name, r_name from nation left join region on n_regionkey = r_regionkey and r_regionkey > 1`,
	`select n_name, r_name from nation left join region on n_regionkey = r_regionkey where r_name <> 'ASIA'`,
	`select n_name, r_name from nation left join region on n_regionkey = r_regionkey and r_regionkey > 1 where r_name is null`,
	`select n_name, r_name from nation full join region on n_regionkey = r_regionkey + 2 where n_nationkey < 5 or r_regionkey = 4`,
	`select r_name, count(*), sum(n_nationkey) from nation join region on n_regionkey = r_regionkey group by r_name having count(*) > 4`,
	`select * from (select n_regionkey k, count(*) c from nation group by n_regionkey) s where k > 1 and c > 0`,
	`select s_name, n_name, r_name from supplier, nation, region where s_nationkey = n_nationkey and n_regionkey = r_regionkey and s_acctbal > 5000 and r_regionkey in (1, 3)`,
	`select c_name from customer where c_nationkey not in (select n_nationkey from nation where n_regionkey = 2) and c_acctbal > 9000`,
	`select c_name from customer c where exists (select 1 from nation n where n.n_nationkey = c.c_nationkey and n.n_name like 'C%') and c_custkey < 300`,
	`select n_name, (select r_name from region where r_regionkey = n_regionkey) from nation`,
	`select n_name, row_number() over (partition by n_regionkey order by n_name) rn, sum(n_nationkey) over (partition by n_regionkey) from nation`,
	`select n_regionkey from nation union select r_regionkey from region`,
	`select n_regionkey from nation intersect select r_regionkey + 1 from region`,
	`select n_regionkey, n_name from nation where true and n_nationkey + 0 * 5 > 20 - 10`,
	`select n_name from nation where false`,
	`select n_name from nation where n_nationkey between 3 and 7 order by n_name desc limit 3 offset 1`,
	`select x from generate_series(1, 5) as g(x) where x % 2 = 1`,
	`with recursive r(n) as (select 1 union all select n + 1 from r where n < 10) select sum(n) from r`,
	`select r_name, n_cnt from region, (select n_regionkey, count(*) n_cnt from nation group by 1) c where r_regionkey = c.n_regionkey`,
	`select n_regionkey, count(distinct n_name) from nation group by rollup(n_regionkey)`,
	`select a.n_name, b.n_name from nation a join nation b on a.n_regionkey = b.n_regionkey and a.n_nationkey < b.n_nationkey where a.n_regionkey = 0`,
	`select * from (select n_name, row_number() over (order by n_name) rn from nation) s where rn < 3 or n_name > 'U'`,
	`select * from (select n_name from nation order by n_name limit 5) s where n_name > 'B'`,
	`select * from (select count(*) c from nation where n_regionkey = 9) s where c >= 0`,
	`select n_name, r_name from nation left join region on false where n_nationkey < 3`,
	`select n_name, n_nationkey in (select s_nationkey from supplier where s_acctbal > 9000) from nation`,
	`select n_name from nation where n_nationkey not in (select s_nationkey from supplier where s_acctbal > 9000) or n_regionkey = 0`,
	`select * from (select n_regionkey, count(*) from nation group by rollup(n_regionkey)) s where n_regionkey is null`,
	`select distinct n_regionkey from nation where n_nationkey > 3`,
	`select * from (select n_nationkey k from nation union all select r_regionkey from region) u where k < 3`,
	`select n_name, r_name from region right join nation on n_regionkey = r_regionkey and r_name like 'A%' where n_nationkey < 10`,
	`select c_name, o_orderkey from customer left join orders on c_custkey = o_custkey where o_orderkey is null and c_custkey < 40`,
	`select * from (select n_regionkey k from nation except select r_regionkey from region where r_regionkey < 2) s where k > 0`,
	`select * from (select n_regionkey k, n_name from nation union select r_regionkey, r_name from region) s where k = 1 and n_name > 'B'`,
	`select count(*) from customer join orders on c_custkey = o_custkey where (c_mktsegment = 'BUILDING' and o_totalprice > 100000 or c_mktsegment = 'MACHINERY' and o_totalprice < 5000)`,
}

func TestDifferential(t *testing.T) {
	if testing.Short() {
		t.Skip("short")
	}
	d, err := load()
	if err != nil {
		t.Skipf("no TPC-H data: %v", err)
	}
	for i, q := range differentialQueries {
		t.Run(fmt.Sprint(i), func(t *testing.T) {
			opt, optPlan, err := runWith(d, q, rules.Options{})
			if err != nil {
				t.Fatalf("%s\noptimised: %v", q, err)
			}
			raw, _, err := runWith(d, q, rules.Options{Disabled: allRules})
			if err != nil {
				t.Fatalf("%s\nunoptimised: %v", q, err)
			}
			slices.Sort(opt)
			slices.Sort(raw)
			if !slices.Equal(opt, raw) {
				t.Errorf("%s\noptimised %d rows %v\nunoptimised %d rows %v\n%s", q, len(opt), head1(opt), len(raw), head1(raw), optPlan)
			}
		})
	}
}

func head1(rows []string) []string { return rows[:min(len(rows), 5)] }

// runWith plans q with opts and returns its rows as strings and the plan.
func runWith(d *db, q string, opts rules.Options) ([]string, string, error) {
	ps, err := sql.Parse(q)
	if err != nil {
		return nil, "", err
	}
	b := bind.New(d, nil)
	n, err := b.BindSelect(ps[0].Stmt.(*ast.SelectStmt).Query)
	if err != nil {
		return nil, "", fmt.Errorf("bind: %w", err)
	}
	ctx := context.Background()
	var on plan.Node
	if on, err = rules.Optimize(ctx, n, b.IDs(), opts); err != nil {
		return nil, "", err
	}
	env := &physical.Env{Eval: &exec.EvalContext{}, Slices: nslices,
		Table: func(ct *catalog.Table) (storage.TableReader, error) { return d.tables[ct.Name], nil }}
	txt := rules.Format(on)
	op, err := physical.Build(ctx, on, env)
	if err != nil {
		return nil, txt, err
	}
	defer op.Close()
	if err := op.Open(ctx); err != nil {
		return nil, txt, err
	}
	var out []string
	for {
		bt, err := op.Next(ctx)
		if err != nil {
			return nil, txt, err
		}
		if bt == nil {
			return out, txt, nil
		}
		for i := range bt.N {
			parts := make([]string, len(bt.Cols))
			for j, c := range bt.Cols {
				parts[j] = types.Format(c.Type, c.Get(i))
			}
			out = append(out, strings.Join(parts, "|"))
		}
	}
}

// TestDML plans DELETE and UPDATE (row ids from scan ordinal -1) both ways.
func TestDML(t *testing.T) {
	d, err := load()
	if err != nil {
		t.Skipf("no TPC-H data: %v", err)
	}
	for _, q := range []string{
		`delete from nation where n_regionkey = 1`,
		`update nation set n_comment = 'x' || n_name where n_nationkey in (select s_nationkey from supplier where s_acctbal > 9000)`,
		`delete from customer using nation where c_nationkey = n_nationkey and n_name = 'CHINA'`,
	} {
		var results [][]string
		for _, opts := range []rules.Options{{}, {Disabled: allRules}} {
			ps, err := sql.Parse(q)
			if err != nil {
				t.Fatal(err)
			}
			b := bind.New(d, nil)
			var n plan.Node
			switch st := ps[0].Stmt.(type) {
			case *ast.DeleteStmt:
				n, err = b.BindDelete(st, d.tables[st.Table.Name].desc)
			case *ast.UpdateStmt:
				n, err = b.BindUpdate(st, d.tables[st.Table.Name].desc)
			}
			if err != nil {
				t.Fatalf("%s: bind: %v", q, err)
			}
			if n, err = rules.Optimize(context.Background(), n, b.IDs(), opts); err != nil {
				t.Fatalf("%s: %v", q, err)
			}
			rows, err := drain(d, n)
			if err != nil {
				t.Fatalf("%s: %v\n%s", q, err, rules.Format(n))
			}
			slices.Sort(rows)
			results = append(results, rows)
		}
		if !slices.Equal(results[0], results[1]) || len(results[0]) == 0 {
			t.Errorf("%s: optimised %d rows, unoptimised %d rows", q, len(results[0]), len(results[1]))
		}
	}
}

func drain(d *db, n plan.Node) ([]string, error) {
	ctx := context.Background()
	env := &physical.Env{Eval: &exec.EvalContext{}, Slices: nslices,
		Table: func(ct *catalog.Table) (storage.TableReader, error) { return d.tables[ct.Name], nil }}
	op, err := physical.Build(ctx, n, env)
	if err != nil {
		return nil, err
	}
	defer op.Close()
	if err := op.Open(ctx); err != nil {
		return nil, err
	}
	var out []string
	for {
		bt, err := op.Next(ctx)
		if err != nil || bt == nil {
			return out, err
		}
		for i := range bt.N {
			parts := make([]string, len(bt.Cols))
			for j, c := range bt.Cols {
				parts[j] = types.Format(c.Type, c.Get(i))
			}
			out = append(out, strings.Join(parts, "|"))
		}
	}
}
