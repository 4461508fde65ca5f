package org.bkdms.site.collection;

import java.util.Iterator;
import java.util.Map;

/** A file of rows with a header line: CSV or a spreadsheet's first sheet. */
interface TableReader extends AutoCloseable {

    /**
     * One data line of the file.
     *
     * @param number its line (or sheet row) number, from 1 for the header
     * @param fields the fields by header name, if the line could be read
     * @param text the line as found, for the quarantine
     * @param error why it could not be read as a row, or {@code null}
     */
    record Line(long number, Map<String, String> fields, String text, String error) {
    }

    /** @return the data lines, after the header */
    Iterator<Line> lines();

    @Override
    void close();
}
