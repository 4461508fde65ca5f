package org.bkdms.site.collection;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * A CSV file (RFC 4180, UTF-8, comma-separated, first line the header). A line with another
 * number of fields than the header is returned with an error instead of fields; a file that
 * cannot be parsed further ends with one error line.
 */
final class CsvTable implements TableReader {
    private static final CsvMapper MAPPER = CsvMapper.builder().enable(CsvParser.Feature.WRAP_AS_ARRAY).build();

    private final Reader reader;
    private final MappingIterator<String[]> it;
    private final String[] header;
    private final String broken;

    private CsvTable(Reader reader, MappingIterator<String[]> it, String[] header, String broken) {
        this.reader = reader;
        this.it = it;
        this.header = header;
        this.broken = broken;
    }

    /**
     * @param file a CSV file
     * @return its table; a file whose header cannot be read yields one error line
     * @throws IOException if the file cannot be opened
     */
    static CsvTable open(Path file) throws IOException {
        // a strict decoder: bytes that are not UTF-8 are reported, not silently replaced
        Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8);
        try {
            MappingIterator<String[]> it = MAPPER.readerFor(String[].class).readValues(r);
            String[] header = it.hasNextValue() ? it.nextValue() : new String[0];
            for (int i = 0; i < header.length; i++) {
                header[i] = header[i].strip();
            }
            if (header.length > 0 && header[0].startsWith("\uFEFF")) {
                header[0] = header[0].substring(1);
            }
            return new CsvTable(r, it, header, null);
        } catch (IOException | RuntimeException e) {
            r.close();
            return new CsvTable(null, null, new String[0], "unreadable CSV header: " + firstLine(e));
        }
    }

    private static String firstLine(Exception e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return e.getClass().getSimpleName() + ": " + m.lines().findFirst().orElse("");
    }

    @Override
    public Iterator<Line> lines() {
        return new Iterator<>() {
            private Line next;
            private boolean failed;

            @Override
            public boolean hasNext() {
                if (next != null) {
                    return true;
                }
                if (failed) {
                    return false;
                }
                if (broken != null) {
                    failed = true;
                    next = new Line(1, null, "", broken);
                    return true;
                }
                try {
                    if (!it.hasNextValue()) {
                        return false;
                    }
                    long line = it.getCurrentLocation().getLineNr();
                    String[] values = it.nextValue();
                    String text = String.join(",", values);
                    if (values.length == 1 && values[0].isEmpty()) {
                        return hasNext();
                    }
                    if (values.length != header.length) {
                        next = new Line(line, null, text, "line has " + values.length + " fields, the header has "
                                + header.length);
                    } else {
                        Map<String, String> fields = new LinkedHashMap<>();
                        for (int i = 0; i < header.length; i++) {
                            fields.put(header[i], values[i]);
                        }
                        next = new Line(line, fields, text, null);
                    }
                } catch (IOException | RuntimeException e) {
                    failed = true;
                    next = new Line(it.getCurrentLocation().getLineNr(), null, "", "unreadable CSV from here on: "
                            + firstLine(e));
                }
                return true;
            }

            @Override
            public Line next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                Line l = next;
                next = null;
                return l;
            }
        };
    }

    @Override
    public void close() {
        if (reader == null) {
            return;
        }
        try {
            reader.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
