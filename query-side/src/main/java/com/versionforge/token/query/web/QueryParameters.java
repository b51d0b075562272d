package com.versionforge.token.query.web;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.regex.Pattern;

/** Reads the query parameters that several endpoints share, refusing a bad one with its stable code. */
public final class QueryParameters {

    /** The code of a page size outside its range. */
    public static final String LIMIT_INVALID = "limit-invalid";

    // PostgreSQL's timestamptz range is wider, but no token event ever falls outside these years.
    private static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999Z");
    private static final Pattern LIMIT = Pattern.compile("[0-9]{1,3}");
    private static final Pattern WHOLE_NUMBER = Pattern.compile("[0-9]{1,5}");

    private QueryParameters() {}

    /** Whether a parameter counts as not given: missing or empty. */
    public static boolean isAbsent(String text) {
        return text == null || text.isEmpty();
    }

    /**
     * An instant in ISO-8601 with {@code Z} or an offset, such as {@code 2027-01-31T00:00:00Z}, between the years 1
     * and 9999; null when absent.
     *
     * @throws InvalidParameterException with {@code code} otherwise
     */
    public static Instant instant(String text, String code, String name) {
        if (isAbsent(text)) {
            return null;
        }
        Instant instant;
        try {
            instant = OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeException e) {
            throw invalidInstant(code, name);
        }
        if (instant.isBefore(EARLIEST) || instant.isAfter(LATEST)) {
            throw invalidInstant(code, name);
        }
        return instant;
    }

    /**
     * A page size from 1 to {@code max}; {@code defaultLimit} when absent.
     *
     * @throws InvalidParameterException with {@code limit-invalid} otherwise
     */
    public static int limit(String text, int defaultLimit, int max) {
        if (isAbsent(text)) {
            return defaultLimit;
        }
        if (!LIMIT.matcher(text).matches() || Integer.parseInt(text) < 1 || Integer.parseInt(text) > max) {
            throw new InvalidParameterException(LIMIT_INVALID, "limit is a whole number from 1 to " + max);
        }
        return Integer.parseInt(text);
    }

    /**
     * A whole number from {@code min} to {@code max}; {@code defaultValue} when absent.
     *
     * @throws InvalidParameterException with {@code code} otherwise
     */
    public static int wholeNumber(String text, int defaultValue, int min, int max, String code, String name) {
        if (isAbsent(text)) {
            return defaultValue;
        }
        if (!WHOLE_NUMBER.matcher(text).matches() || Integer.parseInt(text) < min || Integer.parseInt(text) > max) {
            throw new InvalidParameterException(code, name + " is a whole number from " + min + " to " + max);
        }
        return Integer.parseInt(text);
    }

    private static InvalidParameterException invalidInstant(String code, String name) {
        return new InvalidParameterException(
                code, name + " is an ISO-8601 instant such as 2027-01-31T00:00:00Z, in the years 1 to 9999");
    }
}
