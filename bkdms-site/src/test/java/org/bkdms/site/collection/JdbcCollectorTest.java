package org.bkdms.site.collection;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import org.bkdms.core.testing.PostgresTestServer;
import org.bkdms.site.storage.SiteStore;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The JDBC collector against a real PostgreSQL server and an embedded H2 database. */
class JdbcCollectorTest {
    @TempDir
    Path dir;

    private record Db(String url, String user, String password, String identity, String timestamp) {
    }

    private Db database(String kind) {
        if (kind.equals("postgresql")) {
            PostgresTestServer pg = PostgresTestServer.shared();
            return new Db(pg.createDatabase(), pg.user(), pg.password(), "BIGSERIAL PRIMARY KEY", "TIMESTAMPTZ");
        }
        return new Db("jdbc:h2:file:" + dir.resolve("source"), "sa", "", "BIGINT AUTO_INCREMENT PRIMARY KEY",
                "TIMESTAMP WITH TIME ZONE");
    }

    private static void sql(Db db, String... statements) throws SQLException {
        try (Connection c = DriverManager.getConnection(db.url(), db.user(), db.password()); Statement s = c.createStatement()) {
            for (String q : statements) {
                s.execute(q);
            }
        }
    }

    private static String insert(int month, String kpi, String value) {
        return "INSERT INTO readings (measured_at, kpi, amount, unit) VALUES (TIMESTAMP WITH TIME ZONE '2025-%02d-01 00:00:00+00',"
                .formatted(month) + " '" + kpi + "', " + value + ", '%')";
    }

    private static void commit(SiteStore store, Batch b) {
        store.inTransaction(u -> {
            for (var c : b.checkpoints().entrySet()) {
                u.setCheckpoint(b.source(), c.getKey(), c.getValue());
            }
            return null;
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void takesEachRowOnceAcrossPollsAndRestartsFollowingTheWatermark(String kind) throws Exception {
        Db db = database(kind);
        sql(db, "CREATE TABLE readings (id " + db.identity() + ", measured_at " + db.timestamp()
                + " NOT NULL, kpi VARCHAR(32) NOT NULL, amount NUMERIC(12, 3) NOT NULL, unit VARCHAR(16))",
                insert(1, "EC: ICT: ICT: 1C", "96.5"), insert(2, "EC: ICT: ICT: 1C", "96.75"), insert(3, "EC: ICT: ICT: 1C", "97"));
        String query = "SELECT id, measured_at AS \"time\", kpi, amount AS \"value\", unit FROM readings WHERE id > ? ORDER BY id";
        try (SiteStore store = SiteStore.open(dir.resolve("site"))) {
            try (JdbcCollector c = new JdbcCollector("db", db.url(), db.user(), db.password(), query, "id", "0", 2)) {
                Batch first = c.poll(store).orElseThrow();
                assertThat(first.rows()).extracting(r -> r.field("value")).containsExactly("96.500", "96.750");
                assertThat(first.rows().get(0).field("time")).isEqualTo("2025-01-01T00:00:00Z");
                assertThat(first.rows().get(0).reference()).isEqualTo("db:id=1");
                // not committed: the same rows come again
                assertThat(c.poll(store).orElseThrow().rows()).hasSize(2);
                commit(store, first);
                Batch second = c.poll(store).orElseThrow();
                assertThat(second.rows()).extracting(r -> r.field("id")).containsExactly("3");
                commit(store, second);
                assertThat(c.poll(store)).isEmpty();
            }
            sql(db, insert(4, "EC: ICT: ICT: 2C", "44"));
            // a new collector (a restarted site) goes on from the committed watermark
            try (JdbcCollector c = new JdbcCollector("db", db.url(), db.user(), db.password(), query, "id", "0", 2)) {
                Optional<Batch> b = c.poll(store);
                assertThat(b.orElseThrow().rows()).extracting(r -> r.field("kpi")).isEqualTo(List.of("EC: ICT: ICT: 2C"));
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void aTimestampWatermarkWorksToo(String kind) throws Exception {
        Db db = database(kind);
        sql(db, "CREATE TABLE readings (id " + db.identity() + ", measured_at " + db.timestamp()
                + " NOT NULL, kpi VARCHAR(32) NOT NULL, amount NUMERIC(12, 3) NOT NULL, unit VARCHAR(16))",
                insert(1, "EC: ICT: ICT: 1C", "96.5"), insert(2, "EC: ICT: ICT: 1C", "96.75"));
        String query = "SELECT measured_at AS \"time\", kpi, amount AS \"value\", unit FROM readings WHERE measured_at > ?"
                + " ORDER BY measured_at";
        try (SiteStore store = SiteStore.open(dir.resolve("site"));
                JdbcCollector c = new JdbcCollector("db", db.url(), db.user(), db.password(), query, "time",
                        "1970-01-01T00:00:00Z", 1)) {
            Batch first = c.poll(store).orElseThrow();
            commit(store, first);
            Batch second = c.poll(store).orElseThrow();
            assertThat(second.rows().get(0).field("time")).isEqualTo("2025-02-01T00:00:00Z");
            commit(store, second);
            assertThat(c.poll(store)).isEmpty();
        }
    }
}
