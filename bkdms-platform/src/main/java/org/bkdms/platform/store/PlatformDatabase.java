package org.bkdms.platform.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * The platform database: a HikariCP pool over H2 or PostgreSQL, migrated with Flyway to the latest
 * schema of {@code db/migration} when opened. The same migrations serve both databases.
 * Thread-safe; close it to release the pool.
 */
public final class PlatformDatabase implements AutoCloseable {
    private final HikariDataSource pool;
    private final DatabaseConfig config;

    private PlatformDatabase(HikariDataSource pool, DatabaseConfig config) {
        this.pool = pool;
        this.config = config;
    }

    /**
     * Opens the pool and brings the schema up to date.
     *
     * @param config where the database is
     * @return the database
     * @throws org.flywaydb.core.api.FlywayException if a migration fails or the schema is newer than this build
     */
    public static PlatformDatabase open(DatabaseConfig config) {
        HikariConfig h = new HikariConfig();
        h.setJdbcUrl(config.url());
        h.setUsername(config.user());
        h.setPassword(config.password());
        h.setMaximumPoolSize(config.maxPoolSize());
        h.setPoolName("bkdms-platform");
        h.setAutoCommit(true);
        HikariDataSource pool = new HikariDataSource(h);
        try {
            Flyway.configure().dataSource(pool).locations("classpath:db/migration").load().migrate();
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
        return new PlatformDatabase(pool, config);
    }

    /** @return the pooled data source */
    public DataSource dataSource() {
        return pool;
    }

    /**
     * @return a pooled connection; close it to return it
     * @throws SQLException if none can be had
     */
    public Connection connection() throws SQLException {
        return pool.getConnection();
    }

    /** @return where the database is */
    public DatabaseConfig config() {
        return config;
    }

    @Override
    public void close() {
        pool.close();
    }
}
