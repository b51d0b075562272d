package com.versionforge.token.query.projection;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.PreparedStatementSetter;

/**
 * A batch of rows as the parameters of one statement that reads them as arrays, one per column, through PostgreSQL's
 * {@code unnest(?::bigint[], ?::text[], …)}: the database parses, plans and runs one statement for the whole batch,
 * where a JDBC batch runs one per row, which is most of what a projection's replay waits for. Values are text,
 * numbers, UUIDs and times; times go as their ISO-8601 text (years 1 to 9999), which PostgreSQL rounds to microseconds.
 */
public final class ColumnArrays implements PreparedStatementSetter {

    private final List<Object[]> rows;
    private final String[] elementTypes;

    private ColumnArrays(List<Object[]> rows, String[] elementTypes) {
        this.rows = rows;
        this.elementTypes = elementTypes;
    }

    /**
     * @param rows         each of the same length as {@code elementTypes}
     * @param elementTypes PostgreSQL's name of each column's type: {@code bigint}, {@code uuid}, {@code timestamptz}…
     */
    public static ColumnArrays of(List<Object[]> rows, String... elementTypes) {
        return new ColumnArrays(rows, elementTypes);
    }

    @Override
    public void setValues(PreparedStatement statement) throws SQLException {
        Connection connection = statement.getConnection();
        for (int column = 0; column < elementTypes.length; column++) {
            Object[] values = new Object[rows.size()];
            for (int row = 0; row < values.length; row++) {
                values[row] = element(rows.get(row)[column]);
            }
            statement.setArray(column + 1, connection.createArrayOf(elementTypes[column], values));
        }
    }

    private static Object element(Object value) {
        if (value instanceof Instant || value instanceof OffsetDateTime) {
            return value.toString();
        }
        if (value == null || value instanceof String || value instanceof Number || value instanceof UUID) {
            return value;
        }
        throw new IllegalArgumentException(
                "No array element for a " + value.getClass().getName());
    }
}
