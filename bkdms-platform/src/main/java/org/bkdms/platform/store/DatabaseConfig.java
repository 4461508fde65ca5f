package org.bkdms.platform.store;

import java.util.Objects;

/**
 * How to reach the platform database.
 *
 * @param url JDBC URL: {@code jdbc:h2:file:...} (embedded, the default) or {@code jdbc:postgresql://...}
 * @param user the database user
 * @param password the user's password (empty for an embedded H2 file that has none)
 * @param maxPoolSize most connections the pool opens
 */
public record DatabaseConfig(String url, String user, String password, int maxPoolSize) {
    /**
     * Checks the parts.
     *
     * @param url see {@link #url()}
     * @param user see {@link #user()}
     * @param password see {@link #password()}
     * @param maxPoolSize see {@link #maxPoolSize()}
     */
    public DatabaseConfig {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
        if (!url.startsWith("jdbc:h2:") && !url.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("database url must be jdbc:h2:... or jdbc:postgresql:..., not " + url);
        }
        if (maxPoolSize < 1) {
            throw new IllegalArgumentException("pool size must be positive");
        }
    }

    /**
     * @param file the database file, without H2's {@code .mv.db} suffix
     * @return an embedded H2 database in that file
     */
    public static DatabaseConfig h2File(java.nio.file.Path file) {
        return new DatabaseConfig("jdbc:h2:file:" + file.toAbsolutePath(), "bkdms", "", 4);
    }

    /** @return whether this is a PostgreSQL database */
    public boolean isPostgres() {
        return url.startsWith("jdbc:postgresql:");
    }

    @Override
    public String toString() {
        // never the password
        return "DatabaseConfig{" + url + ", user " + user + ", pool " + maxPoolSize + "}";
    }
}
