package org.bkdms.core.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

class PostgresTestServerTest {

    @Test
    void givesEachCallerAFreshDatabaseOnARealServer() throws Exception {
        PostgresTestServer pg = PostgresTestServer.shared();
        String first = pg.createDatabase();
        String second = pg.createDatabase();
        assertThat(first).isNotEqualTo(second);
        try (Connection c = DriverManager.getConnection(first, pg.user(), pg.password());
             Statement s = c.createStatement()) {
            s.execute("CREATE TABLE t (v NUMERIC(20, 4))");
            s.execute("INSERT INTO t VALUES (97.00)");
            try (ResultSet rs = s.executeQuery("SELECT v::text, version() FROM t")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("97.0000");
                assertThat(rs.getString(2)).startsWith("PostgreSQL");
            }
        }
        try (Connection c = DriverManager.getConnection(second, pg.user(), pg.password());
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_tables WHERE tablename = 't'")) {
            rs.next();
            assertThat(rs.getInt(1)).isZero();
        }
    }
}
