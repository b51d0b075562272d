package com.versionforge.token.query.web;

import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.csv.CsvGenerator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * Writes CSV that is safe to open in a spreadsheet, row by row, straight to a stream: RFC 4180 quoting by Jackson's CSV
 * generator (every text cell quoted, quotes doubled, commas and line breaks kept inside the quotes), CRLF line ends,
 * UTF-8 after a byte order mark so that spreadsheet programs do not guess another encoding, and every text cell that a
 * spreadsheet would run as a formula ({@code = + - @}, tab or carriage return first) neutralised with a leading
 * single quote.
 */
public final class SpreadsheetSafeCsv implements Closeable {

    /** The media type of an export. */
    public static final String MEDIA_TYPE = "text/csv;charset=UTF-8";

    private static final byte[] UTF8_BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    private static final CsvMapper MAPPER = CsvMapper.builder()
            .enable(CsvGenerator.Feature.ALWAYS_QUOTE_STRINGS)
            .build();

    private final SequenceWriter writer;

    private SpreadsheetSafeCsv(SequenceWriter writer) {
        this.writer = writer;
    }

    /** Starts a CSV document on {@code out} with a header row of {@code columns}. */
    public static SpreadsheetSafeCsv start(OutputStream out, List<String> columns) throws IOException {
        out.write(UTF8_BOM);
        CsvSchema schema = CsvSchema.builder()
                .addColumns(columns, CsvSchema.ColumnType.STRING)
                .setUseHeader(true)
                .setLineSeparator("\r\n")
                .build();
        // Flushed by the generator's buffer, not after every row: an export of many rows is not many tiny packets.
        return new SpreadsheetSafeCsv(MAPPER.writer(schema)
                .without(SerializationFeature.FLUSH_AFTER_WRITE_VALUE)
                .writeValues(out));
    }

    /**
     * Writes one row, one cell per column: text is neutralised, numbers stay numbers, instants are ISO-8601, null is an
     * empty cell.
     */
    public void row(Object... cells) {
        Object[] safe = Arrays.stream(cells).map(SpreadsheetSafeCsv::cell).toArray();
        try {
            writer.write(safe);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A text cell as a spreadsheet shows it without running it: a would-be formula gets a leading single quote. */
    public static String neutralised(String text) {
        if (text.isEmpty()) {
            return text;
        }
        char first = text.charAt(0);
        return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r'
                ? "'" + text
                : text;
    }

    private static Object cell(Object value) {
        // Jackson's generator moves null cells of an array row to its end; an empty string stays in its column.
        if (value == null) {
            return "";
        }
        if (value instanceof Number || value instanceof Boolean) {
            return value;
        }
        if (value instanceof Instant instant) {
            return instant.toString();
        }
        return neutralised(value.toString());
    }

    @Override
    public void close() throws IOException {
        writer.close();
    }
}
