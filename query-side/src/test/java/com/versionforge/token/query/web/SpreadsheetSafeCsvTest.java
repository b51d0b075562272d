package com.versionforge.token.query.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What a spreadsheet would run is shown as text, and whatever a cell holds is read back unchanged. */
class SpreadsheetSafeCsvTest {

    @ParameterizedTest
    @ValueSource(strings = {"=1+1", "+1", "-1", "@x", "\tx", "\rx", "=HYPERLINK(\"https://evil.example\")"})
    void neutralisesCellsThatASpreadsheetWouldRun(String cell) {
        assertThat(SpreadsheetSafeCsv.neutralised(cell)).isEqualTo("'" + cell);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Deploy key", "1", "'quoted", " =spaced", "a=b", "🚀 launch"})
    void leavesOtherCellsAlone(String cell) {
        assertThat(SpreadsheetSafeCsv.neutralised(cell)).isEqualTo(cell);
    }

    @ParameterizedTest
    @ValueSource(strings = {"a,b", "\"quoted\", twice \"\"", "line\nbreak\r\nand more", "emoji 🚀 ü 生产"})
    void writesEachValueIntoOneCellThatReadsBackTheSame(String value) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        try (SpreadsheetSafeCsv csv = SpreadsheetSafeCsv.start(out, List.of("value", "number", "at"))) {
            csv.row(value, 42L, Instant.parse("2027-01-01T00:00:00Z"));
        }

        byte[] bytes = out.toByteArray();
        assertThat(bytes).startsWith(0xEF, 0xBB, 0xBF);
        String text = new String(bytes, 3, bytes.length - 3, StandardCharsets.UTF_8);
        assertThat(text).contains("\r\n");
        try (MappingIterator<List<String>> rows = new CsvMapper()
                .enable(CsvParser.Feature.WRAP_AS_ARRAY)
                .readerForListOf(String.class)
                .readValues(text)) {
            assertThat(rows.next()).containsExactly("value", "number", "at");
            assertThat(rows.next()).containsExactly(value, "42", "2027-01-01T00:00:00Z");
            assertThat(rows.hasNext()).isFalse();
        }
    }
}
