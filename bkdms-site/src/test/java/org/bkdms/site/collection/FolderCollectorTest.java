package org.bkdms.site.collection;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.bkdms.site.storage.SiteStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FolderCollectorTest {
    @TempDir
    Path dir;
    private SiteStore store;
    private FolderCollector collector;

    @BeforeEach
    void open() {
        store = SiteStore.open(dir.resolve("store"));
        collector = new FolderCollector("files", dir.resolve("inbox"), dir.resolve("done"), 2);
    }

    @AfterEach
    void close() {
        collector.close();
        store.close();
    }

    private Batch pollAndCommit() throws Exception {
        Batch b = collector.poll(store).orElseThrow();
        store.inTransaction(u -> {
            for (var c : b.checkpoints().entrySet()) {
                u.setCheckpoint(b.source(), c.getKey(), c.getValue());
            }
            return null;
        });
        b.afterCommit().run();
        return b;
    }

    @Test
    void anXlsxSheetIsReadWithDatesAndNumbers() throws Exception {
        Files.createDirectories(dir.resolve("inbox"));
        try (XSSFWorkbook wb = new XSSFWorkbook(); OutputStream out = Files.newOutputStream(dir.resolve("inbox/w.xlsx"))) {
            Sheet s = wb.createSheet("data");
            Row h = s.createRow(0);
            h.createCell(0).setCellValue("time");
            h.createCell(1).setCellValue("kpi");
            h.createCell(2).setCellValue("value");
            CellStyle date = wb.createCellStyle();
            date.setDataFormat(wb.getCreationHelper().createDataFormat().getFormat("yyyy-mm-dd hh:mm"));
            Row r = s.createRow(1);
            r.createCell(0).setCellValue(LocalDateTime.parse("2025-04-01T06:30"));
            r.getCell(0).setCellStyle(date);
            r.createCell(1).setCellValue("EC: ICT: ICT: 1C");
            r.createCell(2).setCellValue(97.25);
            wb.write(out);
        }
        Batch b = pollAndCommit();
        assertThat(b.rows()).singleElement().satisfies(row -> {
            assertThat(row.field("time")).isEqualTo("2025-04-01T06:30");
            assertThat(row.field("value")).isEqualTo("97.25");
            assertThat(row.reference()).isEqualTo("w.xlsx:2");
        });
        assertThat(dir.resolve("done/w.xlsx")).exists();
        assertThat(collector.poll(store)).isEmpty();
    }

    @Test
    void aCorruptWorkbookIsQuarantinedWholeAndSetAside() throws Exception {
        Files.createDirectories(dir.resolve("inbox"));
        Files.write(dir.resolve("inbox/broken.xlsx"), new byte[] {'P', 'K', 3, 4, 0, 0, 9});
        Batch b = pollAndCommit();
        assertThat(b.rows()).isEmpty();
        assertThat(b.unreadable()).singleElement().satisfies(u -> assertThat(u.reasonCode()).isEqualTo("UNREADABLE_FILE"));
        assertThat(dir.resolve("done/broken.xlsx")).exists();
    }

    @Test
    void aFileIsTakenInChunksAndResumedAfterTheLastCommittedChunk() throws Exception {
        Files.createDirectories(dir.resolve("inbox"));
        Files.writeString(dir.resolve("inbox/a.csv"), "time,v\n1,a\n2,b\n3,c\n4,d\n5,e\n");
        Files.writeString(dir.resolve("inbox/b.csv.part"), "time,v\n9,z\n");
        assertThat(pollAndCommit().rows()).extracting(r -> r.field("v")).containsExactly("a", "b");
        // a chunk read but never committed (its unit of work failed) is read again, by this collector
        assertThat(collector.poll(store).orElseThrow().rows()).extracting(r -> r.field("v")).containsExactly("c", "d");
        assertThat(collector.poll(store).orElseThrow().rows()).extracting(r -> r.field("v")).containsExactly("c", "d");
        // and by a new one (the site died)
        collector.close();
        collector = new FolderCollector("files", dir.resolve("inbox"), dir.resolve("done"), 2);
        assertThat(pollAndCommit().rows()).extracting(r -> r.field("v")).containsExactly("c", "d");
        assertThat(pollAndCommit().rows()).extracting(r -> r.field("v")).containsExactly("e");
        assertThat(dir.resolve("done/a.csv")).exists();
        assertThat(collector.poll(store)).as("a .part file is still being written").isEmpty();
    }
}
