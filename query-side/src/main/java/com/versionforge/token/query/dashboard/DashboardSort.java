package com.versionforge.token.query.dashboard;

import com.versionforge.token.query.web.InvalidParameterException;
import java.util.Arrays;

/**
 * The order of a dashboard listing: one key, ascending or descending. Tokens with equal keys are ordered by id in the
 * same direction, so that every token has one place and a cursor can resume after it.
 *
 * @param key what to sort by
 * @param descending whether the largest value comes first
 */
record DashboardSort(Key key, boolean descending) {

    static final String INVALID = "sort-invalid";

    /** Newest first. */
    static final DashboardSort DEFAULT = new DashboardSort(Key.CREATED_AT, true);

    /** What a listing can be sorted by, under its API name. */
    enum Key {
        CREATED_AT("createdAt"),
        EXPIRES_AT("expiresAt"),
        /** A never-used token counts as the oldest use: first ascending, last descending. */
        LAST_USED_AT("lastUsedAt"),
        /** Case-insensitive, in code-point order. */
        NAME("name");

        private final String wireName;

        Key(String wireName) {
            this.wireName = wireName;
        }
    }

    /**
     * The sort of a {@code sort} parameter such as {@code -lastUsedAt}; the default when absent.
     *
     * @throws InvalidParameterException with {@code sort-invalid} for anything else
     */
    static DashboardSort parse(String text) {
        if (text == null || text.isEmpty()) {
            return DEFAULT;
        }
        boolean descending = text.startsWith("-");
        String keyName = descending ? text.substring(1) : text;
        return Arrays.stream(Key.values())
                .filter(key -> key.wireName.equals(keyName))
                .findFirst()
                .map(key -> new DashboardSort(key, descending))
                .orElseThrow(() -> new InvalidParameterException(
                        INVALID, "sort is createdAt, expiresAt, lastUsedAt or name, with a - prefix for descending"));
    }

    /** The form of the {@code sort} parameter. */
    String wireName() {
        return (descending ? "-" : "") + key.wireName;
    }
}
