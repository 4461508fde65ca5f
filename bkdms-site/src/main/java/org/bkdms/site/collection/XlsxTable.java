package org.bkdms.site.collection;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * The first sheet of an xlsx workbook (Apache POI), its first row the header. Date cells become
 * ISO 8601 local date-times, numbers their plain decimal text, formulas their cached result.
 */
final class XlsxTable implements TableReader {
    private final Workbook workbook;
    private final Sheet sheet;
    private final List<String> header = new ArrayList<>();
    private final DataFormatter formatter = new DataFormatter();

    private XlsxTable(Workbook workbook) {
        this.workbook = workbook;
        this.sheet = workbook.getSheetAt(0);
        Row h = sheet.getRow(sheet.getFirstRowNum());
        if (h != null) {
            for (int i = 0; i < h.getLastCellNum(); i++) {
                header.add(text(h.getCell(i)));
            }
        }
    }

    static XlsxTable open(Path file) throws IOException {
        try {
            return new XlsxTable(new XSSFWorkbook(file.toFile()));
        } catch (org.apache.poi.openxml4j.exceptions.InvalidFormatException | RuntimeException e) {
            throw new IOException("cannot read " + file.getFileName() + " as xlsx: " + e.getMessage(), e);
        }
    }

    private String text(Cell c) {
        if (c == null) {
            return "";
        }
        CellType t = c.getCellType() == CellType.FORMULA ? c.getCachedFormulaResultType() : c.getCellType();
        return switch (t) {
            case NUMERIC -> DateUtil.isCellDateFormatted(c) ? c.getLocalDateTimeCellValue().toString()
                    : new java.math.BigDecimal(Double.toString(c.getNumericCellValue())).stripTrailingZeros().toPlainString();
            case STRING -> c.getStringCellValue().strip();
            case BOOLEAN -> Boolean.toString(c.getBooleanCellValue());
            case BLANK -> "";
            default -> formatter.formatCellValue(c);
        };
    }

    @Override
    public Iterator<Line> lines() {
        int first = sheet.getFirstRowNum() + 1;
        int last = sheet.getLastRowNum();
        return new Iterator<>() {
            private int next = first;

            @Override
            public boolean hasNext() {
                while (next <= last && blank(sheet.getRow(next))) {
                    next++;
                }
                return next <= last;
            }

            @Override
            public Line next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                Row r = sheet.getRow(next++);
                Map<String, String> fields = new LinkedHashMap<>();
                for (int i = 0; i < header.size(); i++) {
                    fields.put(header.get(i), text(r.getCell(i)));
                }
                String text = String.join(",", fields.values());
                if (r.getLastCellNum() > header.size() && !text(r.getCell(r.getLastCellNum() - 1)).isEmpty()) {
                    return new Line(r.getRowNum() + 1L, null, text, "row has cells beyond the header's "
                            + header.size() + " columns");
                }
                return new Line(r.getRowNum() + 1L, fields, text, null);
            }
        };
    }

    private boolean blank(Row r) {
        if (r == null) {
            return true;
        }
        for (int i = 0; i < r.getLastCellNum(); i++) {
            if (!text(r.getCell(i)).isEmpty()) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void close() {
        try {
            workbook.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
