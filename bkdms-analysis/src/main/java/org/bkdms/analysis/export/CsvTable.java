package org.bkdms.analysis.export;

import java.util.ArrayList;
import java.util.List;

/**
 * A table ready to be written as CSV (RFC 4180: comma separated, fields quoted when they hold a
 * comma, quote or line break, lines ended by LF).
 *
 * @param header the column names
 * @param rows the rows, each as long as the header
 */
public record CsvTable(List<String> header, List<List<String>> rows) {
    /**
     * Checks the row lengths and copies the lists.
     *
     * @param header see {@link #header()}
     * @param rows see {@link #rows()}
     */
    public CsvTable {
        header = List.copyOf(header);
        List<List<String>> copy = new ArrayList<>(rows.size());
        for (List<String> r : rows) {
            if (r.size() != header.size()) {
                throw new IllegalArgumentException("row has " + r.size() + " fields, header " + header.size());
            }
            copy.add(List.copyOf(r));
        }
        rows = List.copyOf(copy);
    }

    /** @return the table as CSV text */
    public String toCsv() {
        StringBuilder sb = new StringBuilder();
        line(sb, header);
        rows.forEach(r -> line(sb, r));
        return sb.toString();
    }

    private static void line(StringBuilder sb, List<String> fields) {
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            String f = fields.get(i);
            if (f.indexOf(',') >= 0 || f.indexOf('"') >= 0 || f.indexOf('\n') >= 0 || f.indexOf('\r') >= 0) {
                sb.append('"').append(f.replace("\"", "\"\"")).append('"');
            } else {
                sb.append(f);
            }
        }
        sb.append('\n');
    }
}
