package com.versionforge.token.query.audit;

import com.versionforge.token.query.web.InvalidParameterException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * Where the next page of the trail starts: after the entry with this id. Pages show only entries that nothing can be
 * inserted below any more (see {@link AuditWatermark}), and entries shown later have higher ids, so a walk through the
 * pages sees each entry once even while new ones are appended or an event commits late. Clients see it as an opaque
 * string.
 *
 * @param afterId the id of the last entry shown
 */
record AuditCursor(long afterId) {

    static final String INVALID = "cursor-invalid";

    private static final String PREFIX = "audit-v1:";
    private static final Pattern ID = Pattern.compile("[0-9]{1,18}");
    private static final int MAX_ENCODED_LENGTH = 64;

    /** The opaque form handed to clients as {@code nextCursor}. */
    String encode() {
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString((PREFIX + afterId).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The cursor a client sent back.
     *
     * @throws InvalidParameterException with {@code cursor-invalid} when it was not made by {@link #encode()}
     */
    static AuditCursor decode(String encoded) {
        if (encoded.length() > MAX_ENCODED_LENGTH) {
            throw invalid();
        }
        String plain;
        try {
            plain = new String(Base64.getUrlDecoder().decode(encoded), StandardCharsets.ISO_8859_1);
        } catch (IllegalArgumentException e) {
            throw invalid();
        }
        if (!plain.startsWith(PREFIX)
                || !ID.matcher(plain.substring(PREFIX.length())).matches()) {
            throw invalid();
        }
        return new AuditCursor(Long.parseLong(plain.substring(PREFIX.length())));
    }

    private static InvalidParameterException invalid() {
        return new InvalidParameterException(INVALID, "cursor is not a nextCursor of the audit trail");
    }
}
