package org.bkdms.core.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A real PostgreSQL server for tests: the database tests run against PostgreSQL itself, never a
 * stand-in. One server serves a whole test JVM; every test asks for a database of its own.
 *
 * <p>Where the server comes from, in order:
 * <ol>
 *   <li>{@code BKDMS_TEST_PG_URL} (a JDBC URL of a database the user may create databases from,
 *       e.g. {@code jdbc:postgresql://127.0.0.1:5432/postgres}) with {@code BKDMS_TEST_PG_USER} and
 *       {@code BKDMS_TEST_PG_PASSWORD}: an existing server, such as a CI service;</li>
 *   <li>otherwise a private cluster started from the PostgreSQL binaries on this machine (Debian's
 *       {@code postgresql} package, found under {@code /usr/lib/postgresql/<version>/bin} or through
 *       {@code BKDMS_TEST_PG_BIN}), in a temporary directory, on a free loopback port, with a random
 *       password, stopped and deleted when the JVM exits. PostgreSQL refuses to run as root, so
 *       under root the cluster runs as the {@code postgres} system user.</li>
 * </ol>
 * Without either the tests fail with a message that says what to install: a database test that
 * silently skips would pass on a machine that never ran it.
 */
public final class PostgresTestServer {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static PostgresTestServer shared;

    private final String adminUrl;
    private final String user;
    private final String password;
    private final AtomicInteger databases = new AtomicInteger();

    private PostgresTestServer(String adminUrl, String user, String password) {
        this.adminUrl = adminUrl;
        this.user = user;
        this.password = password;
    }

    /**
     * The server of this test JVM, started on first use.
     *
     * @return the server
     * @throws IllegalStateException if no server is configured and none can be started
     */
    public static synchronized PostgresTestServer shared() {
        if (shared == null) {
            shared = locate();
        }
        return shared;
    }

    /** @return the user name that owns the test databases */
    public String user() {
        return user;
    }

    /** @return that user's password */
    public String password() {
        return password;
    }

    /**
     * Creates a new, empty database.
     *
     * @return its JDBC URL (authenticate with {@link #user()} and {@link #password()})
     */
    public String createDatabase() {
        String name = "bkdms_test_" + ProcessHandle.current().pid() + "_" + databases.incrementAndGet();
        try (Connection c = DriverManager.getConnection(adminUrl, user, password);
             Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create test database " + name + " on " + adminUrl, e);
        }
        int slash = adminUrl.lastIndexOf('/');
        int query = adminUrl.indexOf('?', slash);
        return adminUrl.substring(0, slash + 1) + name + (query < 0 ? "" : adminUrl.substring(query));
    }

    private static PostgresTestServer locate() {
        String url = System.getenv("BKDMS_TEST_PG_URL");
        if (url != null && !url.isBlank()) {
            return new PostgresTestServer(url, envOr("BKDMS_TEST_PG_USER", "postgres"),
                    envOr("BKDMS_TEST_PG_PASSWORD", ""));
        }
        Path bin = findBinaries().orElseThrow(() -> new IllegalStateException(
                "no PostgreSQL server for the database tests: install Debian's postgresql package "
                        + "(apt-get install postgresql), or set BKDMS_TEST_PG_BIN to its bin directory, "
                        + "or BKDMS_TEST_PG_URL/_USER/_PASSWORD to an existing server"));
        try {
            return startPrivate(bin);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start a private PostgreSQL from " + bin, e);
        }
    }

    private static String envOr(String name, String fallback) {
        String v = System.getenv(name);
        return v == null ? fallback : v;
    }

    private static Optional<Path> findBinaries() {
        String configured = System.getenv("BKDMS_TEST_PG_BIN");
        if (configured != null && !configured.isBlank()) {
            return Optional.of(Path.of(configured));
        }
        Path root = Path.of("/usr/lib/postgresql");
        if (!Files.isDirectory(root)) {
            return Optional.empty();
        }
        try (Stream<Path> versions = Files.list(root)) {
            // the newest installed major version
            return versions.map(v -> v.resolve("bin"))
                    .filter(b -> Files.isExecutable(b.resolve("postgres")) && Files.isExecutable(b.resolve("initdb")))
                    .max(Comparator.comparingInt(PostgresTestServer::majorVersion));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static int majorVersion(Path bin) {
        try {
            return Integer.parseInt(bin.getParent().getFileName().toString());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static PostgresTestServer startPrivate(Path bin) throws IOException {
        boolean root = "root".equals(System.getProperty("user.name"));
        Path dir = Files.createTempDirectory("bkdms-pg-");
        Path data = dir.resolve("data");
        Path pwFile = dir.resolve("pw");
        String user = "bkdms";
        byte[] secret = new byte[18];
        new SecureRandom().nextBytes(secret);
        String password = HexFormat.of().formatHex(secret);
        Files.writeString(pwFile, password + "\n", StandardCharsets.UTF_8);
        if (root) {
            UserPrincipal postgres = dir.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("postgres");
            Files.setOwner(dir, postgres);
            Files.setOwner(pwFile, postgres);
        }
        run(root, dir, List.of(bin.resolve("initdb").toString(), "-D", data.toString(), "-U", user,
                "--pwfile=" + pwFile, "--auth=scram-sha-256", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync"));
        Files.delete(pwFile);
        int port = freePort();
        // fsync off: the database tests check our SQL, not PostgreSQL's durability, and run faster
        run(root, dir, List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-l",
                dir.resolve("server.log").toString(), "-w", "-t", Long.toString(START_TIMEOUT.toSeconds()),
                "-o", "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1 -c fsync=off"
                        + " -c synchronous_commit=off -c full_page_writes=off -c max_connections=200",
                "start"));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stopPrivate(root, bin, dir, data), "bkdms-pg-stop"));
        return new PostgresTestServer("jdbc:postgresql://127.0.0.1:" + port + "/postgres", user, password);
    }

    private static void stopPrivate(boolean root, Path bin, Path dir, Path data) {
        try {
            run(root, dir, List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-m", "immediate", "-w", "stop"));
        } catch (IOException | RuntimeException e) {
            // the JVM is exiting; a server left behind dies with the machine's temp directory
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // best effort
        }
    }

    private static void run(boolean root, Path dir, List<String> command) throws IOException {
        List<String> full = new ArrayList<>();
        if (root) {
            full.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        full.addAll(command);
        Path log = dir.resolve("command.log");
        Process p = new ProcessBuilder(full).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        try {
            if (!p.waitFor(START_TIMEOUT.toSeconds() + 30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("timed out: " + String.join(" ", command));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted: " + String.join(" ", command), e);
        }
        if (p.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " exited " + p.exitValue() + ":\n"
                    + Files.readString(log, StandardCharsets.UTF_8));
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
