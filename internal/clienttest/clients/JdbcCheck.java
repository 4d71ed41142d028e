// JdbcCheck drives a server through pgjdbc the way BI tools do: metadata
// calls, prepared statements (past prepareThreshold, so server-side named
// statements with binary parameters/results), batches, cursor fetches.
// Run with a JDK 11+ single-file launch:
//   java -cp /usr/share/java/postgresql.jar JdbcCheck.java URL USER PASSWORD
// Prints "PASS name" per check, "FAIL name: reason" on failure, and exits 1
// if any check failed.
import java.math.BigDecimal;
import java.sql.*;
import java.util.*;

public class JdbcCheck {
    static int failures = 0;

    interface Check {
        void run(Connection c) throws Exception;
    }

    static void check(Connection c, String name, Check body) {
        try {
            body.run(c);
            System.out.println("PASS " + name);
        } catch (Throwable e) {
            failures++;
            String state = (e instanceof SQLException) ? " [SQLSTATE " + ((SQLException) e).getSQLState() + "]" : "";
            System.out.println("FAIL " + name + ": " + e + state);
            e.printStackTrace(System.out);
            try {
                if (!c.getAutoCommit()) c.rollback();
            } catch (SQLException ignored) {
            }
        }
    }

    static void expect(boolean ok, String what) {
        if (!ok) throw new AssertionError(what);
    }

    static void exec(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }

    static long count(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            expect(rs.next(), "no row from " + sql);
            return rs.getLong(1);
        }
    }

    public static void main(String[] args) throws Exception {
        Properties props = new Properties();
        props.setProperty("user", args[1]);
        props.setProperty("password", args[2]);
        props.setProperty("ApplicationName", "JdbcCheck");
        props.setProperty("connectTimeout", "10");
        props.setProperty("socketTimeout", "60");
        try (Connection c = DriverManager.getConnection(args[0], props)) {
            System.out.println("PASS connect");
            run(c);
        }
        if (failures > 0) {
            System.out.println(failures + " check(s) failed");
            System.exit(1);
        }
    }

    static void run(Connection c) {
        check(c, "metadata_product", conn -> {
            DatabaseMetaData md = conn.getMetaData();
            expect(md.getDatabaseProductName().equals("PostgreSQL"), "product " + md.getDatabaseProductName());
            System.out.println("  server version " + md.getDatabaseProductVersion() + ", driver " + md.getDriverVersion());
        });
        check(c, "getSchemas", conn -> {
            Set<String> names = new HashSet<>();
            try (ResultSet rs = conn.getMetaData().getSchemas()) {
                while (rs.next()) names.add(rs.getString("TABLE_SCHEM"));
            }
            expect(names.contains("public"), "schemas " + names);
        });
        check(c, "getCatalogs", conn -> {
            try (ResultSet rs = conn.getMetaData().getCatalogs()) {
                expect(rs.next(), "no catalogs");
            }
        });
        check(c, "getTableTypes", conn -> {
            try (ResultSet rs = conn.getMetaData().getTableTypes()) {
                expect(rs.next(), "no table types");
            }
        });
        check(c, "getTables", conn -> {
            Set<String> names = new HashSet<>();
            try (ResultSet rs = conn.getMetaData().getTables(null, "public", "%", new String[] {"TABLE"})) {
                while (rs.next()) {
                    expect("TABLE".equals(rs.getString("TABLE_TYPE")), "type " + rs.getString("TABLE_TYPE"));
                    names.add(rs.getString("TABLE_NAME"));
                }
            }
            for (String t : new String[] {"lineitem", "orders", "customer", "part", "partsupp", "supplier", "nation", "region"})
                expect(names.contains(t), "tables lack " + t + ": " + names);
        });
        check(c, "getColumns", conn -> {
            Map<String, Object[]> cols = new LinkedHashMap<>();
            try (ResultSet rs = conn.getMetaData().getColumns(null, "public", "lineitem", "%")) {
                while (rs.next()) {
                    cols.put(rs.getString("COLUMN_NAME"), new Object[] {rs.getInt("DATA_TYPE"), rs.getString("TYPE_NAME"),
                        rs.getInt("COLUMN_SIZE"), rs.getInt("DECIMAL_DIGITS"), rs.getInt("ORDINAL_POSITION"), rs.getString("IS_NULLABLE")});
                }
            }
            expect(cols.size() == 16, "lineitem has " + cols.size() + " columns: " + cols.keySet());
            expectCol(cols, "l_orderkey", Types.INTEGER, "int4", -1, 1);
            expectCol(cols, "l_extendedprice", Types.NUMERIC, "numeric", 15, 6);
            expect((Integer) cols.get("l_extendedprice")[3] == 2, "l_extendedprice scale " + cols.get("l_extendedprice")[3]);
            expectCol(cols, "l_returnflag", Types.CHAR, "bpchar", 1, 9);
            expectCol(cols, "l_shipdate", Types.DATE, "date", -1, 11);
            expectCol(cols, "l_comment", Types.VARCHAR, "varchar", 44, 16);
            expect("NO".equals(cols.get("l_orderkey")[5]), "l_orderkey nullable " + cols.get("l_orderkey")[5]);
        });
        check(c, "getPrimaryKeys", conn -> {
            exec(conn, "drop table if exists jdbc_pk");
            exec(conn, "create table jdbc_pk (id integer not null, name varchar(10), primary key (id))");
            List<String> keys = new ArrayList<>();
            try (ResultSet rs = conn.getMetaData().getPrimaryKeys(null, "public", "jdbc_pk")) {
                while (rs.next()) keys.add(rs.getString("COLUMN_NAME"));
            }
            expect(keys.equals(List.of("id")), "primary key columns " + keys);
        });
        check(c, "getTypeInfo", conn -> {
            Set<String> names = new HashSet<>();
            try (ResultSet rs = conn.getMetaData().getTypeInfo()) {
                while (rs.next()) names.add(rs.getString("TYPE_NAME"));
            }
            for (String t : new String[] {"int4", "int8", "varchar", "numeric", "date", "timestamp", "bool"})
                expect(names.contains(t), "type info lacks " + t + ": " + names);
        });
        check(c, "getIndexInfo", conn -> {
            try (ResultSet rs = conn.getMetaData().getIndexInfo(null, "public", "jdbc_pk", false, true)) {
                while (rs.next()) { /* any answer, including none, is fine */ }
            }
        });
        // Metadata calls BI tools make; each is its own check so a missing
        // catalog piece names the call that needs it.
        String[] misc = {"getSQLKeywords", "getFunctions", "getProcedures", "getImportedKeys", "getExportedKeys",
            "getTablePrivileges", "getColumnPrivileges", "getBestRowIdentifier", "getUDTs", "getClientInfoProperties"};
        for (String m : misc) {
            check(c, m, conn -> {
                DatabaseMetaData md = conn.getMetaData();
                ResultSet rs = null;
                switch (m) {
                    case "getSQLKeywords": expect(md.getSQLKeywords() != null, "null"); break;
                    case "getFunctions": rs = md.getFunctions(null, "pg_catalog", "version"); break;
                    case "getProcedures": rs = md.getProcedures(null, "public", "%"); break;
                    case "getImportedKeys": rs = md.getImportedKeys(null, "public", "lineitem"); break;
                    case "getExportedKeys": rs = md.getExportedKeys(null, "public", "orders"); break;
                    case "getTablePrivileges": rs = md.getTablePrivileges(null, "public", "nation"); break;
                    case "getColumnPrivileges": rs = md.getColumnPrivileges(null, "public", "nation", "%"); break;
                    case "getBestRowIdentifier": rs = md.getBestRowIdentifier(null, "public", "nation", DatabaseMetaData.bestRowSession, true); break;
                    case "getUDTs": rs = md.getUDTs(null, "public", "%", null); break;
                    case "getClientInfoProperties": rs = md.getClientInfoProperties(); break;
                }
                if (rs != null) {
                    while (rs.next()) { /* reading the rows is the check */ }
                    rs.close();
                }
            });
        }
        check(c, "session_settings", conn -> {
            int iso = conn.getTransactionIsolation(); // SHOW TRANSACTION ISOLATION LEVEL
            expect(iso != Connection.TRANSACTION_NONE, "isolation " + iso);
            conn.setReadOnly(true); // SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY
            conn.setReadOnly(false);
            conn.setClientInfo("ApplicationName", "JdbcCheck2"); // SET application_name
            expect(count(conn, "select 1") == 1, "session after settings");
        });
        check(c, "prepared_params", conn -> {
            long want = count(conn, "select count(*) from orders where o_custkey < 500 and o_orderstatus = 'F' "
                + "and o_orderdate >= date '1994-01-01' and o_totalprice > 1000.25");
            expect(want > 0, "no orders match");
            // 7 runs: past pgjdbc's prepareThreshold (5) it switches to a
            // named server statement and binary transfer.
            try (PreparedStatement ps = conn.prepareStatement("select count(*) from orders where o_custkey < ? "
                + "and o_orderstatus = ? and o_orderdate >= ? and o_totalprice > ?")) {
                for (int i = 0; i < 7; i++) {
                    ps.setInt(1, 500);
                    ps.setString(2, "F");
                    ps.setDate(3, java.sql.Date.valueOf("1994-01-01"));
                    ps.setBigDecimal(4, new BigDecimal("1000.25"));
                    try (ResultSet rs = ps.executeQuery()) {
                        expect(rs.next(), "no row");
                        expect(rs.getLong(1) == want, "run " + i + ": " + rs.getLong(1) + " want " + want);
                    }
                }
            }
        });
        check(c, "prepared_types", conn -> {
            try (PreparedStatement ps = conn.prepareStatement("select n_nationkey, n_name, n_regionkey, n_comment from nation where n_nationkey = ?")) {
                for (int i = 0; i < 7; i++) {
                    ps.setInt(1, 7);
                    try (ResultSet rs = ps.executeQuery()) {
                        expect(rs.next(), "no row");
                        expect(rs.getInt(1) == 7 && rs.getString(2).trim().equals("GERMANY") && rs.getInt("n_regionkey") == 3,
                            "row " + rs.getInt(1) + " " + rs.getString(2));
                        expect(!rs.next(), "two rows");
                    }
                }
            }
        });
        check(c, "resultset_getters", conn -> {
            String sql = "select 7::int2 as s, 42::int4 as i, 9000000000::int8 as l, 12345.67::numeric(10,2) as n, "
                + "1.5::float4 as f, 2.25::float8 as d, 'héllo'::varchar(10) as v, 'ab'::char(4) as ch, true as b, "
                + "date '2024-02-29' as dt, timestamp '2024-02-29 13:14:15.5' as ts, null::int4 as nul";
            for (int i = 0; i < 7; i++) {
                try (PreparedStatement ps = conn.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
                    expect(rs.next(), "no row");
                    expect(rs.getShort("s") == 7, "short " + rs.getShort("s"));
                    expect(rs.getInt("i") == 42, "int " + rs.getInt("i"));
                    expect(rs.getLong("l") == 9000000000L, "long " + rs.getLong("l"));
                    expect(rs.getBigDecimal("n").compareTo(new BigDecimal("12345.67")) == 0, "decimal " + rs.getBigDecimal("n"));
                    expect(rs.getFloat("f") == 1.5f, "float " + rs.getFloat("f"));
                    expect(rs.getDouble("d") == 2.25, "double " + rs.getDouble("d"));
                    expect(rs.getString("v").equals("héllo"), "varchar " + rs.getString("v"));
                    expect(rs.getString("ch").equals("ab  "), "char [" + rs.getString("ch") + "]");
                    expect(rs.getBoolean("b"), "bool");
                    expect(rs.getDate("dt").toString().equals("2024-02-29"), "date " + rs.getDate("dt"));
                    expect(rs.getTimestamp("ts").toString().equals("2024-02-29 13:14:15.5"), "timestamp " + rs.getTimestamp("ts"));
                    rs.getInt("nul");
                    expect(rs.wasNull(), "null not null");
                    expect(rs.getObject("i") instanceof Integer, "getObject(int4) " + rs.getObject("i").getClass());
                    expect(rs.getObject("n") instanceof BigDecimal, "getObject(numeric) " + rs.getObject("n").getClass());
                    ResultSetMetaData md = rs.getMetaData();
                    expect(md.getColumnCount() == 12, "columns " + md.getColumnCount());
                    expect(md.getColumnType(4) == Types.NUMERIC && md.getPrecision(4) == 10 && md.getScale(4) == 2,
                        "numeric meta " + md.getColumnType(4) + " " + md.getPrecision(4) + "," + md.getScale(4));
                    expect(md.getColumnTypeName(7).equals("varchar") && md.getColumnDisplaySize(7) == 10,
                        "varchar meta " + md.getColumnTypeName(7) + " " + md.getColumnDisplaySize(7));
                    expect(md.getColumnLabel(2).equals("i"), "label " + md.getColumnLabel(2));
                }
            }
        });
        check(c, "batch_insert", conn -> {
            exec(conn, "drop table if exists jdbc_batch");
            exec(conn, "create table jdbc_batch (id integer, name varchar(20), d date, amount decimal(10,2))");
            try (PreparedStatement ps = conn.prepareStatement("insert into jdbc_batch (id, name, d, amount) values (?, ?, ?, ?)")) {
                for (int i = 0; i < 200; i++) {
                    ps.setInt(1, i);
                    if (i % 7 == 0) ps.setNull(2, Types.VARCHAR); else ps.setString(2, "row " + i);
                    ps.setDate(3, java.sql.Date.valueOf("2024-01-01"));
                    ps.setBigDecimal(4, new BigDecimal(i)); // whole numbers: decimal_param_scale checks fractions
                    ps.addBatch();
                }
                int[] counts = ps.executeBatch();
                expect(counts.length == 200, "batch counts " + counts.length);
                for (int n : counts) expect(n == 1 || n == Statement.SUCCESS_NO_INFO, "update count " + n);
            }
            expect(count(conn, "select count(*) from jdbc_batch") == 200, "rows after batch");
            expect(count(conn, "select count(*) from jdbc_batch where name is null") == 29, "nulls after batch");
            try (Statement st = conn.createStatement(); ResultSet rs = st.executeQuery("select sum(amount) from jdbc_batch")) {
                rs.next();
                expect(rs.getBigDecimal(1).compareTo(new BigDecimal("19900.00")) == 0, "sum " + rs.getBigDecimal(1));
            }
        });
        check(c, "decimal_param_scale", conn -> {
            // setBigDecimal binds a numeric (OID 1700) parameter as text.
            try (PreparedStatement ps = conn.prepareStatement("insert into jdbc_batch (id, amount) values (?, ?)")) {
                ps.setInt(1, 500);
                ps.setBigDecimal(2, new BigDecimal("0.19"));
                ps.executeUpdate();
            }
            try (Statement st = conn.createStatement(); ResultSet rs = st.executeQuery("select amount from jdbc_batch where id = 500")) {
                expect(rs.next(), "no row");
                expect(rs.getBigDecimal(1).compareTo(new BigDecimal("0.19")) == 0, "stored " + rs.getBigDecimal(1) + ", want 0.19");
            } finally {
                exec(conn, "delete from jdbc_batch where id = 500");
            }
            try (PreparedStatement ps = conn.prepareStatement("select cast(? as decimal(10,2))")) {
                ps.setBigDecimal(1, new BigDecimal("12.34"));
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    expect(rs.getBigDecimal(1).compareTo(new BigDecimal("12.34")) == 0, "cast gave " + rs.getBigDecimal(1));
                }
            }
        });
        check(c, "statement_batch", conn -> {
            try (Statement st = conn.createStatement()) {
                st.addBatch("insert into jdbc_batch values (1000, 'x', null, null)");
                st.addBatch("update jdbc_batch set name = 'y' where id = 1000");
                st.addBatch("delete from jdbc_batch where id = 1000");
                int[] counts = st.executeBatch();
                expect(Arrays.equals(counts, new int[] {1, 1, 1}), "counts " + Arrays.toString(counts));
            }
        });
        check(c, "transaction_rollback", conn -> {
            conn.setAutoCommit(false);
            try {
                exec(conn, "insert into jdbc_batch values (2000, 'tx', null, null)");
                expect(count(conn, "select count(*) from jdbc_batch where id = 2000") == 1, "insert not visible in tx");
                conn.rollback();
                expect(count(conn, "select count(*) from jdbc_batch where id = 2000") == 0, "rollback kept row");
                conn.commit();
            } finally {
                conn.setAutoCommit(true);
            }
        });
        check(c, "fetch_size_cursor", conn -> {
            // With autocommit off and a fetch size, pgjdbc executes a portal
            // 100 rows at a time (Execute max rows + PortalSuspended).
            long want = count(conn, "select count(*) from lineitem");
            conn.setAutoCommit(false);
            try (Statement st = conn.createStatement()) {
                st.setFetchSize(100);
                long n = 0;
                try (ResultSet rs = st.executeQuery("select l_orderkey, l_comment from lineitem")) {
                    while (rs.next()) n++;
                }
                expect(n == want, "fetched " + n + " rows, want " + want);
                conn.commit();
            } finally {
                conn.setAutoCommit(true);
            }
        });
        check(c, "error_sqlstate", conn -> {
            try (Statement st = conn.createStatement()) {
                st.executeQuery("select * from no_such_table");
                throw new AssertionError("no error");
            } catch (SQLException e) {
                expect("42P01".equals(e.getSQLState()), "SQLSTATE " + e.getSQLState() + ": " + e.getMessage());
            }
            try (PreparedStatement ps = conn.prepareStatement("select 1 / ?")) {
                ps.setInt(1, 0);
                ps.executeQuery();
                throw new AssertionError("no error");
            } catch (SQLException e) {
                expect("22012".equals(e.getSQLState()), "SQLSTATE " + e.getSQLState() + ": " + e.getMessage());
            }
            expect(count(conn, "select 1") == 1, "session after errors");
        });
        check(c, "version", conn -> {
            try (Statement st = conn.createStatement(); ResultSet rs = st.executeQuery("select version()")) {
                rs.next();
                expect(rs.getString(1).startsWith("PostgreSQL "), "version " + rs.getString(1));
            }
        });
    }

    static void expectCol(Map<String, Object[]> cols, String name, int type, String typeName, int size, int pos) {
        Object[] c = cols.get(name);
        expect(c != null, "no column " + name);
        expect((Integer) c[0] == type, name + " DATA_TYPE " + c[0] + " want " + type);
        expect(typeName.equals(c[1]), name + " TYPE_NAME " + c[1] + " want " + typeName);
        if (size >= 0) expect((Integer) c[2] == size, name + " COLUMN_SIZE " + c[2] + " want " + size);
        expect((Integer) c[4] == pos, name + " ORDINAL_POSITION " + c[4] + " want " + pos);
    }
}
