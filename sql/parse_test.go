package sql

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/warehoused/warehoused/sql/ast"
	"github.com/warehoused/warehoused/sqlerr"
)

// parseOneStmt parses text that must hold exactly one statement.
func parseOneStmt(t *testing.T, text string) ast.Stmt {
	t.Helper()
	ps, err := Parse(text)
	if err != nil {
		t.Fatalf("Parse(%q): %v", text, err)
	}
	if len(ps) != 1 {
		t.Fatalf("Parse(%q): %d statements", text, len(ps))
	}
	return ps[0].Stmt
}

// TestExprShapes checks how grammar forms arrive (see the ast doc comments).
func TestExprShapes(t *testing.T) {
	tests := []struct{ sql, want string }{
		{"position('a' in b)", `FuncCall{Name:"position" Args:[ColumnRef{Parts:["b"]} Const{Kind:3 Text:"a"}]}`},
		{"coalesce(a, 1)", `FuncCall{Name:"coalesce" Args:[ColumnRef{Parts:["a"]} Const{Kind:1 Int:1}]}`},
		{"nullif(a, 1)", `FuncCall{Name:"nullif" Args:[ColumnRef{Parts:["a"]} Const{Kind:1 Int:1}]}`},
		{"greatest(a, b)", `FuncCall{Name:"greatest" Args:[ColumnRef{Parts:["a"]} ColumnRef{Parts:["b"]}]}`},
		{"least(a, b)", `FuncCall{Name:"least" Args:[ColumnRef{Parts:["a"]} ColumnRef{Parts:["b"]}]}`},
		{"extract(year from d)", `FuncCall{Name:"extract" Args:[Const{Kind:3 Text:"year"} ColumnRef{Parts:["d"]}]}`},
		{"substring(s from 2 for 3)", `FuncCall{Name:"substring" Args:[ColumnRef{Parts:["s"]} Const{Kind:1 Int:2} Const{Kind:1 Int:3}]}`},
		{"trim(s)", `FuncCall{Name:"btrim" Args:[ColumnRef{Parts:["s"]}]}`},
		{"trim(leading 'x' from s)", `FuncCall{Name:"ltrim" Args:[ColumnRef{Parts:["s"]} Const{Kind:3 Text:"x"}]}`},
		{"trim(trailing from s)", `FuncCall{Name:"rtrim" Args:[ColumnRef{Parts:["s"]}]}`},
		{"current_date", `FuncCall{Name:"current_date"}`},
		{"current_timestamp", `FuncCall{Name:"current_timestamp"}`},
		{"current_user", `FuncCall{Name:"current_user"}`},
		{"pg_catalog.version()", `FuncCall{Name:"version"}`},
		{"s.f(1)", `FuncCall{Schema:"s" Name:"f" Args:[Const{Kind:1 Int:1}]}`},
		{"a != b", `BinaryExpr{Op:"<>" L:ColumnRef{Parts:["a"]} R:ColumnRef{Parts:["b"]}}`},
		{"a OPERATOR(pg_catalog.~) b", `BinaryExpr{Op:"~" L:ColumnRef{Parts:["a"]} R:ColumnRef{Parts:["b"]}}`},
		{"a !~* 'x'", `BinaryExpr{Op:"!~*" L:ColumnRef{Parts:["a"]} R:Const{Kind:3 Text:"x"}}`},
		{"-a", `UnaryExpr{Op:"-" Arg:ColumnRef{Parts:["a"]}}`},
		{"-5", `Const{Kind:1 Int:-5}`},
		{"1.50", `Const{Kind:2 Text:"1.50"}`},
		{"99999999999999999999", `Const{Kind:2 Text:"99999999999999999999"}`},
		{"'it''s'", `Const{Kind:3 Text:"it's"}`},
		{"E'a\\nb'", `Const{Kind:3 Text:"a\nb"}`},
		{"true", `Const{Kind:4 Bool:true}`},
		{"null", `Const{}`},
		{"$2", `ParamRef{Number:2}`},
		{"t.*", `ColumnRef{Parts:["t"] Star:true}`},
		{`"MixedCase".Col`, `ColumnRef{Parts:["MixedCase" "col"]}`},
		{"a not in (select b from t)", `BoolExpr{Op:2 Args:[SubqueryExpr{Kind:2 Test:ColumnRef{Parts:["a"]} Op:"=" Query:Select{Targets:[Target{Expr:ColumnRef{Parts:["b"]}}] From:[TableName{Name:"t"}]}}]}`},
		{"a in (1, 2)", `InExpr{Arg:ColumnRef{Parts:["a"]} List:[Const{Kind:1 Int:1} Const{Kind:1 Int:2}]}`},
		{"a > all (select 1)", `SubqueryExpr{Kind:3 Test:ColumnRef{Parts:["a"]} Op:">" Query:Select{Targets:[Target{Expr:Const{Kind:1 Int:1}}]}}`},
		{"exists (select 1)", `SubqueryExpr{Query:Select{Targets:[Target{Expr:Const{Kind:1 Int:1}}]}}`},
		{"(select 1)", `SubqueryExpr{Kind:1 Query:Select{Targets:[Target{Expr:Const{Kind:1 Int:1}}]}}`},
		{"a = any (array['r', 'v'])", `InExpr{Arg:ColumnRef{Parts:["a"]} List:[Const{Kind:3 Text:"r"} Const{Kind:3 Text:"v"}]}`},
		{"a between 1 and 2", `BetweenExpr{Arg:ColumnRef{Parts:["a"]} Lo:Const{Kind:1 Int:1} Hi:Const{Kind:1 Int:2}}`},
		{"a not between symmetric 1 and 2", `BetweenExpr{Arg:ColumnRef{Parts:["a"]} Lo:Const{Kind:1 Int:1} Hi:Const{Kind:1 Int:2} Not:true Symmetric:true}`},
		{"a like 'x%'", `LikeExpr{Arg:ColumnRef{Parts:["a"]} Pattern:Const{Kind:3 Text:"x%"}}`},
		{"a not ilike 'x' escape '#'", `LikeExpr{Kind:1 Arg:ColumnRef{Parts:["a"]} Pattern:Const{Kind:3 Text:"x"} Escape:Const{Kind:3 Text:"#"} Not:true}`},
		{"a similar to 'x'", `LikeExpr{Kind:2 Arg:ColumnRef{Parts:["a"]} Pattern:Const{Kind:3 Text:"x"}}`},
		{"a is not null", `IsNullExpr{Arg:ColumnRef{Parts:["a"]} Not:true}`},
		{"a isnull", `IsNullExpr{Arg:ColumnRef{Parts:["a"]}}`},
		{"a is not true", `BoolTestExpr{Arg:ColumnRef{Parts:["a"]} Not:true}`},
		{"a is unknown", `BoolTestExpr{Arg:ColumnRef{Parts:["a"]} Test:2}`},
		{"a is distinct from b", `DistinctFromExpr{L:ColumnRef{Parts:["a"]} R:ColumnRef{Parts:["b"]}}`},
		{"a is not distinct from b", `DistinctFromExpr{L:ColumnRef{Parts:["a"]} R:ColumnRef{Parts:["b"]} Not:true}`},
		{"case when a then 1 else 2 end", `CaseExpr{Whens:[When{Cond:ColumnRef{Parts:["a"]} Result:Const{Kind:1 Int:1}}] Else:Const{Kind:1 Int:2}}`},
		{"case a when 1 then 'x' end", `CaseExpr{Arg:ColumnRef{Parts:["a"]} Whens:[When{Cond:Const{Kind:1 Int:1} Result:Const{Kind:3 Text:"x"}}]}`},
		{"a collate \"C\"", `CollateExpr{Arg:ColumnRef{Parts:["a"]} Collation:"C"}`},
		{"date '1998-12-01'", `CastExpr{Arg:Const{Kind:3 Text:"1998-12-01"} Type:TypeName{Type:date}}`},
		{"interval '3' month", `CastExpr{Arg:Const{Kind:3 Text:"3"} Type:TypeName{Type:interval IntervalFields:"month"}}`},
		{"interval '1 2:3:4' day to second", `CastExpr{Arg:Const{Kind:3 Text:"1 2:3:4"} Type:TypeName{Type:interval IntervalFields:"day to second"}}`},
		{"interval '1-2' year to month", `CastExpr{Arg:Const{Kind:3 Text:"1-2"} Type:TypeName{Type:interval IntervalFields:"year to month"}}`},
		{"interval '1 day'", `CastExpr{Arg:Const{Kind:3 Text:"1 day"} Type:TypeName{Type:interval}}`},
		{"cast(a as numeric(15,2))", `CastExpr{Arg:ColumnRef{Parts:["a"]} Type:TypeName{Type:numeric(15,2)}}`},
		{"a::pg_catalog.int4", `CastExpr{Arg:ColumnRef{Parts:["a"]} Type:TypeName{Type:integer}}`},
		{"a::double precision", `CastExpr{Arg:ColumnRef{Parts:["a"]} Type:TypeName{Type:double precision}}`},
		{"a::char(25)", `CastExpr{Arg:ColumnRef{Parts:["a"]} Type:TypeName{Type:character(25)}}`},
		{"a::timestamptz", `CastExpr{Arg:ColumnRef{Parts:["a"]} Type:TypeName{Type:timestamp with time zone}}`},
		{"a::regclass", `CastExpr{Arg:ColumnRef{Parts:["a"]} Type:TypeName{Name:"regclass"}}`},
		{"a::text[]", `CastExpr{Arg:ColumnRef{Parts:["a"]} Type:TypeName{Name:"text[]"}}`},
		{"dateadd(day, 1, d)", `FuncCall{Name:"dateadd" Args:[Const{Kind:3 Text:"day"} Const{Kind:1 Int:1} ColumnRef{Parts:["d"]}]}`},
		{"datediff(month, a, b)", `FuncCall{Name:"datediff" Args:[Const{Kind:3 Text:"month"} ColumnRef{Parts:["a"]} ColumnRef{Parts:["b"]}]}`},
		{"date_trunc('week', d)", `FuncCall{Name:"date_trunc" Args:[Const{Kind:3 Text:"week"} ColumnRef{Parts:["d"]}]}`},
		{"count(*)", `FuncCall{Name:"count" Star:true}`},
		{"count(distinct a) filter (where b)", `FuncCall{Name:"count" Args:[ColumnRef{Parts:["a"]}] Distinct:true Filter:ColumnRef{Parts:["b"]}}`},
		{"string_agg(a, ',' order by b desc nulls last)", `FuncCall{Name:"string_agg" Args:[ColumnRef{Parts:["a"]} Const{Kind:3 Text:","}] OrderBy:[OrderItem{Expr:ColumnRef{Parts:["b"]} Desc:true Nulls:2}]}`},
		{"listagg(a, ',') within group (order by b)", `FuncCall{Name:"listagg" Args:[ColumnRef{Parts:["a"]} Const{Kind:3 Text:","}] OrderBy:[OrderItem{Expr:ColumnRef{Parts:["b"]}}] WithinGroup:true}`},
		{"row_number() over (partition by a order by b)", `FuncCall{Name:"row_number" Over:WindowDef{PartitionBy:[ColumnRef{Parts:["a"]}] OrderBy:[OrderItem{Expr:ColumnRef{Parts:["b"]}}]}}`},
		{"sum(a) over (order by b rows between 2 preceding and current row)", `FuncCall{Name:"sum" Args:[ColumnRef{Parts:["a"]}] Over:WindowDef{OrderBy:[OrderItem{Expr:ColumnRef{Parts:["b"]}}] Frame:Frame{Mode:1 Start:FrameBound{Kind:1 Offset:Const{Kind:1 Int:2}} End:FrameBound{Kind:2}}}}`},
		{"sum(a) over (rows unbounded preceding)", `FuncCall{Name:"sum" Args:[ColumnRef{Parts:["a"]}] Over:WindowDef{Frame:Frame{Mode:1 End:FrameBound{Kind:2}}}}`},
		{"sum(a) over (range between current row and unbounded following)", `FuncCall{Name:"sum" Args:[ColumnRef{Parts:["a"]}] Over:WindowDef{Frame:Frame{Start:FrameBound{Kind:2} End:FrameBound{Kind:4}}}}`},
		{"rank() over w", `FuncCall{Name:"rank" Over:WindowDef{RefName:"w"}}`},
		{"ts at time zone 'UTC'", `FuncCall{Name:"timezone" Args:[Const{Kind:3 Text:"UTC"} ColumnRef{Parts:["ts"]}]}`},
		{"array[1, 2]", `FuncCall{Name:"array" Args:[Const{Kind:1 Int:1} Const{Kind:1 Int:2}]}`},
	}
	for _, tt := range tests {
		e, err := ParseExpr(tt.sql)
		if err != nil {
			t.Errorf("ParseExpr(%q): %v", tt.sql, err)
			continue
		}
		if got := show(e); got != tt.want {
			t.Errorf("ParseExpr(%q)\n got  %s\n want %s", tt.sql, got, tt.want)
		}
	}
}

// TestStmtShapes checks statement conversion.
func TestStmtShapes(t *testing.T) {
	tests := []struct{ sql, want string }{
		{"select distinct a as x from s.t as u(c) where b group by rollup(a, (b, c)), () having count(*) > 1 order by 1 limit 10 offset 5",
			`SelectStmt{Query:Select{Distinct:true Targets:[Target{Expr:ColumnRef{Parts:["a"]} Alias:"x"}] From:[TableName{Schema:"s" Name:"t" Alias:Alias{Name:"u" Columns:["c"]}}] Where:ColumnRef{Parts:["b"]} GroupBy:[GroupingSet{Kind:1 Items:[GroupExpr{Expr:ColumnRef{Parts:["a"]}} GroupingSet{Items:[GroupExpr{Expr:ColumnRef{Parts:["b"]}} GroupExpr{Expr:ColumnRef{Parts:["c"]}}]}]} GroupingSet{Kind:3}] Having:BinaryExpr{Op:">" L:FuncCall{Name:"count" Star:true} R:Const{Kind:1 Int:1}} OrderBy:[OrderItem{Expr:Const{Kind:1 Int:1}}] Limit:Const{Kind:1 Int:10} Offset:Const{Kind:1 Int:5}}}`},
		{"select 1 union all select 2 order by 1 limit all",
			`SelectStmt{Query:Select{Op:1 All:true Left:Select{Targets:[Target{Expr:Const{Kind:1 Int:1}}]} Right:Select{Targets:[Target{Expr:Const{Kind:1 Int:2}}]} OrderBy:[OrderItem{Expr:Const{Kind:1 Int:1}}]}}`},
		{"values (1, 'a'), (2, 'b')", `SelectStmt{Query:Select{Values:[[Const{Kind:1 Int:1} Const{Kind:3 Text:"a"}] [Const{Kind:1 Int:2} Const{Kind:3 Text:"b"}]]}}`},
		{"select a from t fetch first 3 rows only", `SelectStmt{Query:Select{Targets:[Target{Expr:ColumnRef{Parts:["a"]}}] From:[TableName{Name:"t"}] Limit:Const{Kind:1 Int:3}}}`},
		{"select * from a join b using (x) left join lateral (select 1) s on true cross join c",
			`SelectStmt{Query:Select{Targets:[Target{Expr:ColumnRef{Star:true}}] From:[JoinExpr{Kind:4 Left:JoinExpr{Kind:1 Left:JoinExpr{Left:TableName{Name:"a"} Right:TableName{Name:"b"} Using:["x"]} Right:SubqueryTable{Query:Select{Targets:[Target{Expr:Const{Kind:1 Int:1}}]} Alias:Alias{Name:"s"} Lateral:true} On:Const{Kind:4 Bool:true}} Right:TableName{Name:"c"}}]}}`},
		{"select * from a natural full join b", `SelectStmt{Query:Select{Targets:[Target{Expr:ColumnRef{Star:true}}] From:[JoinExpr{Kind:3 Left:TableName{Name:"a"} Right:TableName{Name:"b"} Natural:true}]}}`},
		{"select x into newt from t", `CreateTableStmt{Table:TableName{Name:"newt"} AsQuery:Select{Targets:[Target{Expr:ColumnRef{Parts:["x"]}}] From:[TableName{Name:"t"}]}}`},
		{"insert into t (a, b) values (1, default) returning a", `InsertStmt{Table:TableName{Name:"t"} Columns:["a" "b"] Source:Select{Values:[[Const{Kind:1 Int:1} nil]]} Returning:[Target{Expr:ColumnRef{Parts:["a"]}}]}`},
		{"insert into t default values", `InsertStmt{Table:TableName{Name:"t"} DefaultValues:true}`},
		{"insert into t select * from u", `InsertStmt{Table:TableName{Name:"t"} Source:Select{Targets:[Target{Expr:ColumnRef{Star:true}}] From:[TableName{Name:"u"}]}}`},
		{"update t as x set a = default, b = b + 1 from u where x.k = u.k", `UpdateStmt{Table:TableName{Name:"t" Alias:Alias{Name:"x"}} Set:[SetClause{Column:"a"} SetClause{Column:"b" Value:BinaryExpr{Op:"+" L:ColumnRef{Parts:["b"]} R:Const{Kind:1 Int:1}}}] From:[TableName{Name:"u"}] Where:BinaryExpr{Op:"=" L:ColumnRef{Parts:["x" "k"]} R:ColumnRef{Parts:["u" "k"]}}}`},
		{"delete from t using u where t.k = u.k", `DeleteStmt{Table:TableName{Name:"t"} Using:[TableName{Name:"u"}] Where:BinaryExpr{Op:"=" L:ColumnRef{Parts:["t" "k"]} R:ColumnRef{Parts:["u" "k"]}}}`},
		{"create temp table if not exists t (a int primary key, b varchar not null default 'x' references u, c numeric, unique (a, b), foreign key (b) references u (k))",
			`CreateTableStmt{Table:TableName{Name:"t"} IfNotExists:true Temp:true Columns:[ColumnDef{Name:"a" Type:TypeName{Type:integer} PrimaryKey:true Constraints:[TableConstraint{Kind:"primary key" Columns:["a"]}]} ColumnDef{Name:"b" Type:TypeName{Type:character varying} NotNull:true Default:Const{Kind:3 Text:"x"} References:TableName{Name:"u"} Constraints:[TableConstraint{Kind:"foreign key" Columns:["b"] References:TableName{Name:"u"}}]} ColumnDef{Name:"c" Type:TypeName{Type:numeric(18,0)}}] Constraints:[TableConstraint{Kind:"unique" Columns:["a" "b"]} TableConstraint{Kind:"foreign key" Columns:["b"] References:TableName{Name:"u"} RefColumns:["k"]}]}`},
		{"create table t (like u)", `CreateTableStmt{Table:TableName{Name:"t"} Like:TableName{Name:"u"}}`},
		{"create table t (a, b) as select 1, 2", `CreateTableStmt{Table:TableName{Name:"t"} AsQuery:Select{Targets:[Target{Expr:Const{Kind:1 Int:1}} Target{Expr:Const{Kind:1 Int:2}}]} AsColumns:["a" "b"]}`},
		{"create or replace view v (x) as select a from t", `CreateViewStmt{View:TableName{Name:"v"} Columns:["x"] Query:Select{Targets:[Target{Expr:ColumnRef{Parts:["a"]}}] From:[TableName{Name:"t"}]} OrReplace:true Text:"select a from t"}`},
		{"create schema s", `CreateSchemaStmt{Name:"s"}`},
		{"drop table if exists a, s.b cascade", `DropStmt{Names:[TableName{Name:"a"} TableName{Schema:"s" Name:"b"}] IfExists:true Cascade:true}`},
		{"drop view v", `DropStmt{Kind:1 Names:[TableName{Name:"v"}]}`},
		{"drop schema if exists s", `DropStmt{Kind:2 Names:[TableName{Name:"s"}] IfExists:true}`},
		{"drop user u", `DropUserStmt{Names:["u"]}`},
		{"truncate table a, b", `TruncateStmt{Tables:[TableName{Name:"a"} TableName{Name:"b"}]}`},
		{"begin", `TransactionStmt{}`},
		{"start transaction read only", `TransactionStmt{ReadOnly:true}`},
		{"end", `TransactionStmt{Kind:1}`},
		{"abort", `TransactionStmt{Kind:2}`},
		{"savepoint s", `TransactionStmt{Kind:3 Savepoint:"s"}`},
		{"rollback to savepoint s", `TransactionStmt{Kind:5 Savepoint:"s"}`},
		{"explain select 1", `ExplainStmt{Stmt:SelectStmt{Query:Select{Targets:[Target{Expr:Const{Kind:1 Int:1}}]}}}`},
		{"explain (analyze, verbose) select 1", `ExplainStmt{Stmt:SelectStmt{Query:Select{Targets:[Target{Expr:Const{Kind:1 Int:1}}]}} Analyze:true Verbose:true}`},
		{"copy t to '/tmp/x' with (format csv, header, delimiter '|', null '')", `CopyStmt{Table:TableName{Name:"t"} File:"/tmp/x" Format:"csv" Delimiter:"|" Null:"" Header:true}`},
		{"copy t from stdin delimiter '|' csv header", `CopyStmt{Table:TableName{Name:"t"} From:true Stdio:true Format:"csv" Delimiter:"|" Header:true}`},
		{"copy (select 1) to stdout", `CopyStmt{Query:Select{Targets:[Target{Expr:Const{Kind:1 Int:1}}]} Stdio:true Format:"text"}`},
		{"set search_path to a, b", `SetStmt{Name:"search_path" Values:[Const{Kind:3 Text:"a"} Const{Kind:3 Text:"b"}]}`},
		{"set local statement_timeout = 5", `SetStmt{Name:"statement_timeout" Values:[Const{Kind:1 Int:5}] Local:true}`},
		{"set time zone 'UTC'", `SetStmt{Name:"timezone" Values:[Const{Kind:3 Text:"UTC"}]}`},
		{"set datestyle to default", `SetStmt{Name:"datestyle"}`},
		{"reset search_path", `SetStmt{Name:"search_path" Reset:true}`},
		{"show timezone", `ShowStmt{Name:"timezone"}`},
		{"create user bob with password 'md5abc' createuser nocreatedb valid until '2030-01-01'", `CreateUserStmt{Name:"bob" Options:[RoleOption{Name:"password" Value:"md5abc"} RoleOption{Name:"createuser"} RoleOption{Name:"nocreatedb"} RoleOption{Name:"valid until" Value:"2030-01-01"}]}`},
		{"create user bob password disable", `CreateUserStmt{Name:"bob" Options:[RoleOption{Name:"password" Value:"DISABLE"}]}`},
		{"alter user bob connection limit 3", `AlterUserStmt{Name:"bob" Options:[RoleOption{Name:"connection limit" Value:"3"}]}`},
		{"alter user bob rename to rob", `AlterUserStmt{Name:"bob" RenameTo:"rob"}`},
		{"alter table t add column c int default 0", `AlterTableStmt{Table:TableName{Name:"t"} Cmds:[AlterTableCmd{Action:"add column" Column:ColumnDef{Name:"c" Type:TypeName{Type:integer} Default:Const{Kind:1}} Name:"c"}]}`},
		{"alter table t drop column c", `AlterTableStmt{Table:TableName{Name:"t"} Cmds:[AlterTableCmd{Action:"drop column" Name:"c"}]}`},
		{"alter table t rename column a to b", `AlterTableStmt{Table:TableName{Name:"t"} Cmds:[AlterTableCmd{Action:"rename column" Name:"a" NewName:"b"}]}`},
		{"alter table t rename to u", `AlterTableStmt{Table:TableName{Name:"t"} Cmds:[AlterTableCmd{Action:"rename table" Name:"u" NewName:"u"}]}`},
		{"alter table t owner to bob", `AlterTableStmt{Table:TableName{Name:"t"} Cmds:[AlterTableCmd{Action:"owner to" Name:"bob"}]}`},
		{"alter table t alter column c type varchar(300)", `AlterTableStmt{Table:TableName{Name:"t"} Cmds:[AlterTableCmd{Action:"alter column type" Column:ColumnDef{Name:"c" Type:TypeName{Type:character varying(300)}} Name:"c"}]}`},
		{"prepare p (int) as select $1", `PrepareStmt{Name:"p" Types:[integer] Stmt:SelectStmt{Query:Select{Targets:[Target{Expr:ParamRef{Number:1}}]}}}`},
		{"execute p (1)", `ExecuteStmt{Name:"p" Args:[Const{Kind:1 Int:1}]}`},
		{"deallocate prepare p", `DeallocateStmt{Name:"p"}`},
		{"deallocate all", `DeallocateStmt{}`},
		{"comment on table s.t is 'hi'", `CommentStmt{Kind:"table" Object:["s" "t"] Text:"hi"}`},
		{"comment on column t.a is null", `CommentStmt{Kind:"column" Object:["t" "a"]}`},
		{"grant select on t to bob", `GrantStmt{Text:"grant select on t to bob"}`},
		{"revoke all on schema s from group g", `GrantStmt{Revoke:true Text:"revoke all on schema s from group g"}`},
	}
	for _, tt := range tests {
		st := parseOneStmt(t, tt.sql)
		if got := show(st); got != tt.want {
			t.Errorf("Parse(%q)\n got  %s\n want %s", tt.sql, got, tt.want)
		}
	}
}

// TestScript checks statement splitting and per-statement text.
func TestScript(t *testing.T) {
	ps, err := Parse("  select 1;;\n-- comment\nselect 'a;b' ; /* c */ ; select 3  ")
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, p := range ps {
		got = append(got, p.SQL)
	}
	want := []string{"select 1", "select 'a;b'", "select 3"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Fatalf("got %q want %q", got, want)
	}
	if ps, err := Parse(" ;  -- nothing\n"); err != nil || len(ps) != 0 {
		t.Fatalf("empty script: %v %v", ps, err)
	}
	// Locations are byte offsets into the statement's own text.
	ps, err = Parse("select 1; select abc")
	if err != nil {
		t.Fatal(err)
	}
	cr := ps[1].Stmt.(*ast.SelectStmt).Query.Targets[0].Expr.(*ast.ColumnRef)
	if cr.Loc != 7 {
		t.Fatalf("loc %d", cr.Loc)
	}
}

// TestErrors checks codes and 1-based character positions.
func TestErrors(t *testing.T) {
	tests := []struct {
		sql  string
		code sqlerr.Code
		pos  int
		msg  string
	}{
		{"selec 1", sqlerr.SyntaxError, 1, `syntax error at or near "selec"`},
		{"select 1 from", sqlerr.SyntaxError, 14, "syntax error at end of input"},
		{"select 1; select * fro t", sqlerr.SyntaxError, 20, `syntax error at or near "fro"`},
		{"select 'é' frm t", sqlerr.SyntaxError, 16, `syntax error at or near "t"`},
		{"select 'abc", sqlerr.SyntaxError, 8, "unterminated quoted string"},
		{"create index i on t (a)", sqlerr.FeatureNotSupported, 0, "CREATE INDEX is not supported"},
		{"create function f() returns int as $$ select 1 $$ language sql", sqlerr.FeatureNotSupported, 0, "CREATE FUNCTION is not supported"},
		{"listen x", sqlerr.FeatureNotSupported, 0, "LISTEN is not supported"},
		{"create external table s.t (a int) location 's3://x'", sqlerr.FeatureNotSupported, 0, "CREATE EXTERNAL TABLE is not supported"},
		{"create external schema s from data catalog database 'd'", sqlerr.FeatureNotSupported, 0, "CREATE EXTERNAL SCHEMA is not supported"},
		{"select 1::nosuchtype", sqlerr.UndefinedObject, 11, `type "nosuchtype" does not exist`},
		{"create table t (a int) diststyle sideways", sqlerr.SyntaxError, 34, `syntax error at or near "sideways"`},
		{"vacuum t to x percent", sqlerr.SyntaxError, 13, `syntax error at or near "x"`},
		{"select * from t for update", sqlerr.FeatureNotSupported, 0, ""},
		{"delete t wher a = 1", sqlerr.SyntaxError, 15, `syntax error at or near "a"`},
		{"copy t from 's3://b/k' iam_role 'r' ignoreheader x", sqlerr.SyntaxError, 50, `syntax error at or near "x"`},
	}
	for _, tt := range tests {
		_, err := Parse(tt.sql)
		var se *sqlerr.Error
		if !errors.As(err, &se) {
			t.Errorf("Parse(%q): error %v is not *sqlerr.Error", tt.sql, err)
			continue
		}
		if se.Code != tt.code || (tt.pos != 0 && se.Position != tt.pos) || (tt.msg != "" && !strings.Contains(se.Message, tt.msg)) {
			t.Errorf("Parse(%q) = %s %q at %d, want %s %q at %d", tt.sql, se.Code, se.Message, se.Position, tt.code, tt.msg, tt.pos)
		}
	}
}

// TestTPCH parses the 22 TPC-H queries and spot-checks a few shapes.
func TestTPCH(t *testing.T) {
	files, _ := filepath.Glob("/work/shared/tpch/queries/q*.sql")
	if len(files) == 0 {
		files, _ = filepath.Glob("../../shared/tpch/queries/q*.sql")
	}
	if len(files) == 0 {
		t.Skip("TPC-H queries not found")
	}
	got := map[string]*ast.Select{}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		ps, err := Parse(string(b))
		if err != nil {
			t.Errorf("%s: %v", f, err)
			continue
		}
		if len(ps) != 1 {
			t.Errorf("%s: %d statements", f, len(ps))
			continue
		}
		sel, ok := ps[0].Stmt.(*ast.SelectStmt)
		if !ok {
			t.Errorf("%s: %T", f, ps[0].Stmt)
			continue
		}
		got[filepath.Base(f)] = sel.Query
	}
	if len(got) != 22 {
		t.Fatalf("parsed %d of 22", len(got))
	}
	q1 := got["q01.sql"]
	if len(q1.Targets) != 10 || len(q1.GroupBy) != 2 || len(q1.OrderBy) != 2 {
		t.Errorf("q01 shape: %s", show(q1))
	}
	if q15 := got["q15.sql"]; q15.With == nil || len(q15.With.CTEs) != 1 || q15.With.CTEs[0].Name != "revenue" {
		t.Errorf("q15 shape: %s", show(q15))
	}
	if q13 := got["q13.sql"]; len(q13.From) != 1 {
		t.Errorf("q13 shape: %s", show(q13))
	}
}

func errCode(err error) string { return string(sqlerr.CodeOf(err)) }

// TestParseExpr checks ParseExpr's errors and positions.
func TestParseExpr(t *testing.T) {
	e, err := ParseExpr("nextval('s'::regclass)")
	if err != nil || show(e) != `FuncCall{Name:"nextval" Args:[CastExpr{Arg:Const{Kind:3 Text:"s"} Type:TypeName{Name:"regclass"}}]}` {
		t.Fatalf("%s %v", show(e), err)
	}
	if c, ok := e.(*ast.FuncCall); !ok || c.Loc != 0 {
		t.Fatalf("loc: %#v", e)
	}
	for _, bad := range []string{"1 +", "1, 2", "1 from t", "x as y", "1; select 2", ""} {
		if _, err := ParseExpr(bad); err == nil || errCode(err) != "42601" {
			t.Errorf("ParseExpr(%q): %v", bad, err)
		}
	}
	_, err = ParseExpr("1 +")
	var se *sqlerr.Error
	if !errors.As(err, &se) || se.Position != 4 {
		t.Fatalf("position: %#v", err)
	}
}
