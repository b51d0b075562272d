package com.versionforge.token.query.dashboard;

import com.versionforge.token.api.TokenId;
import com.versionforge.token.query.web.InvalidParameterException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.Base64;

/**
 * Where the next page of a listing starts: after the token with this sort value and id. Clients see it only as an
 * opaque base64url string, which names the sort it belongs to.
 *
 * @param sort the sort the position is in
 * @param value the sort value of the last token shown, as the database compares it: an instant, a lower-cased name,
 *     or null for a token never used
 * @param after the id of the last token shown
 */
record DashboardCursor(DashboardSort sort, String value, TokenId after) {

    static final String INVALID = "cursor-invalid";

    private static final String VERSION = "v1";
    private static final String SEPARATOR = "\n";
    private static final int MAX_ENCODED_LENGTH = 1024;
    // PostgreSQL's timestamptz range is wider, but no token event ever falls outside these years.
    private static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999Z");

    /** The opaque form handed to clients as {@code nextCursor}. */
    String encode() {
        String plain = String.join(SEPARATOR, VERSION, sort.wireName(), after.toString(), value == null ? "" : value);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }

    /** The sort value as an instant; only for the keys that sort by time. */
    Instant instantValue() {
        return value == null ? null : Instant.parse(value);
    }

    /**
     * The cursor a client sent back, for a listing in {@code sort}.
     *
     * @throws InvalidParameterException with {@code cursor-invalid} when it was not made by {@link #encode()} for the
     *     same sort
     */
    static DashboardCursor decode(String encoded, DashboardSort sort) {
        if (encoded.length() > MAX_ENCODED_LENGTH) {
            throw invalid();
        }
        String[] parts = plain(encoded).split(SEPARATOR, 4);
        if (parts.length != 4 || !VERSION.equals(parts[0])) {
            throw invalid();
        }
        if (!sort.wireName().equals(parts[1])) {
            throw new InvalidParameterException(INVALID, "This cursor belongs to a listing in another sort");
        }
        TokenId after = tokenId(parts[2]);
        String value = parts[3].isEmpty() ? null : parts[3];
        if (!isValid(value, sort.key())) {
            throw invalid();
        }
        return new DashboardCursor(sort, value, after);
    }

    private static String plain(String encoded) {
        try {
            byte[] bytes = Base64.getUrlDecoder().decode(encoded);
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (IllegalArgumentException | CharacterCodingException e) {
            throw invalid();
        }
    }

    private static TokenId tokenId(String text) {
        try {
            return TokenId.parse(text);
        } catch (IllegalArgumentException e) {
            throw invalid();
        }
    }

    private static boolean isValid(String value, DashboardSort.Key key) {
        return switch (key) {
            // PostgreSQL refuses text with NUL characters; a name never has any.
            case NAME -> value != null && value.indexOf('\0') < 0;
            case LAST_USED_AT -> value == null || isInstant(value);
            case CREATED_AT, EXPIRES_AT -> value != null && isInstant(value);
        };
    }

    private static boolean isInstant(String value) {
        try {
            Instant instant = Instant.parse(value);
            return !instant.isBefore(EARLIEST) && !instant.isAfter(LATEST);
        } catch (DateTimeException e) {
            return false;
        }
    }

    private static InvalidParameterException invalid() {
        return new InvalidParameterException(INVALID, "cursor is not a nextCursor of this listing");
    }
}
