package org.bkdms.site.collection;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.bkdms.site.storage.SiteStore;

/**
 * Collects rows from CSV files dropped into a folder (Y.4907 clause 8.1). Files are taken in name
 * order; a file is read in chunks, each committed with a checkpoint naming the file's SHA-256 and
 * the rows taken so far, so a restart goes on where the last commit left off. A finished file is
 * moved to the done folder; a file whose content was already taken in is moved there without
 * being read again, whatever its name. Files whose names start with a dot or end in
 * {@code .part} are still being written and are left alone.
 */
public final class FolderCollector implements Collector {
    private static final Logger LOG = Logger.getLogger(FolderCollector.class.getName());

    private final String name;
    private final Path inbox;
    private final Path done;
    private final int chunkRows;
    private OpenFile open;

    /**
     * @param name the collector's name
     * @param inbox the folder files are dropped into
     * @param done where finished files are moved
     * @param chunkRows most rows per batch
     */
    public FolderCollector(String name, Path inbox, Path done, int chunkRows) {
        this.name = Objects.requireNonNull(name, "name");
        this.inbox = Objects.requireNonNull(inbox, "inbox");
        this.done = Objects.requireNonNull(done, "done");
        if (chunkRows < 1) {
            throw new IllegalArgumentException("chunkRows must be positive");
        }
        this.chunkRows = chunkRows;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Optional<Batch> poll(SiteStore store) throws IOException {
        Files.createDirectories(inbox);
        Files.createDirectories(done);
        for (Path file : candidates()) {
            String key = "file:" + sha256(file);
            Optional<String> mark = store.inTransaction(u -> u.checkpoint(name, key));
            if (mark.isPresent() && mark.get().equals("done")) {
                LOG.info(() -> name + ": " + file.getFileName() + " was already taken in; moving it aside");
                moveAside(file);
                continue;
            }
            long taken = mark.map(m -> Long.parseLong(m.substring("rows:".length()))).orElse(0L);
            OpenFile f;
            try {
                f = open != null && !open.uncommitted && open.file.equals(file) && open.key.equals(key) && open.taken == taken
                        ? open
                        : open(file, key, taken);
            } catch (IOException e) {
                // a file that cannot be opened at all (a corrupt workbook) is quarantined whole and set aside
                String n = file.getFileName().toString();
                return Optional.of(new Batch(name, List.of(), List.of(new Batch.Unreadable(n, n, "UNREADABLE_FILE",
                        e.getMessage())), key, "done", () -> moveQuietly(file)));
            }
            open = f;
            return Optional.of(f.next());
        }
        return Optional.empty();
    }

    private List<Path> candidates() throws IOException {
        try (Stream<Path> s = Files.list(inbox)) {
            return s.filter(Files::isRegularFile).filter(p -> {
                String n = p.getFileName().toString();
                String lower = n.toLowerCase(Locale.ROOT);
                return !n.startsWith(".") && !lower.endsWith(".part") && (lower.endsWith(".csv") || lower.endsWith(".xlsx"));
            }).sorted().toList();
        }
    }

    private OpenFile open(Path file, String key, long taken) throws IOException {
        closeOpen();
        String lower = file.getFileName().toString().toLowerCase(Locale.ROOT);
        TableReader reader = lower.endsWith(".xlsx") ? XlsxTable.open(file) : CsvTable.open(file);
        OpenFile f = new OpenFile(file, key, reader);
        for (long i = 0; i < taken && f.rows.hasNext(); i++) {
            f.rows.next();
        }
        f.taken = taken;
        if (taken > 0) {
            LOG.info(() -> name + ": resuming " + file.getFileName() + " after row " + taken);
        }
        return f;
    }

    private void moveAside(Path file) throws IOException {
        Path target = done.resolve(file.getFileName());
        if (Files.exists(target)) {
            target = done.resolve(System.currentTimeMillis() + "-" + file.getFileName());
        }
        Files.move(file, target, StandardCopyOption.ATOMIC_MOVE);
    }

    private void moveQuietly(Path file) {
        try {
            moveAside(file);
        } catch (IOException e) {
            // the checkpoint says done: the next poll moves it aside without reading it
            LOG.warning(name + ": cannot move " + file.getFileName() + " aside yet: " + e.getMessage());
        }
    }

    private void closeOpen() {
        if (open != null) {
            open.reader.close();
            open = null;
        }
    }

    @Override
    public void close() {
        closeOpen();
    }

    static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[65536];
            int n;
            while ((n = in.read(buf)) > 0) {
                md.update(buf, 0, n);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks SHA-256", e);
        }
    }

    /** A file being read, with the rows taken from it so far. */
    private final class OpenFile {
        final Path file;
        final String key;
        final TableReader reader;
        final Iterator<TableReader.Line> rows;
        long taken;
        /** A batch was handed out and not committed: the iterator is ahead of the checkpoint. */
        boolean uncommitted;

        OpenFile(Path file, String key, TableReader reader) {
            this.file = file;
            this.key = key;
            this.reader = reader;
            this.rows = reader.lines();
        }

        Batch next() {
            List<SourceRow> rows = new ArrayList<>();
            List<Batch.Unreadable> bad = new ArrayList<>();
            String fileName = file.getFileName().toString();
            int n = 0;
            while (n < chunkRows && this.rows.hasNext()) {
                TableReader.Line line = this.rows.next();
                n++;
                String ref = fileName + ":" + line.number();
                if (line.error() != null) {
                    bad.add(new Batch.Unreadable(ref, line.text(), "MALFORMED_ROW", line.error()));
                } else {
                    rows.add(new SourceRow(name, ref, line.fields()));
                }
            }
            long after = taken + n;
            boolean finished = !this.rows.hasNext();
            if (finished) {
                LOG.info(() -> name + ": " + fileName + " taken in (" + after + " rows)");
            } else {
                LOG.info(() -> name + ": " + fileName + ": " + after + " rows taken in so far");
            }
            uncommitted = true;
            return new Batch(name, rows, bad, key, finished ? "done" : "rows:" + after, () -> {
                taken = after;
                uncommitted = false;
                if (finished) {
                    reader.close();
                    open = null;
                    moveQuietly(file);
                }
            });
        }
    }
}
