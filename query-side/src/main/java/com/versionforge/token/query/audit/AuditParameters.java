package com.versionforge.token.query.audit;

import com.versionforge.token.query.web.InvalidParameterException;
import com.versionforge.token.query.web.QueryParameters;
import io.swagger.v3.oas.annotations.Parameter;
import java.time.Instant;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The query parameters of {@code GET /api/v1/audit-events} as they came; each is checked only when it is read, and an
 * empty one counts as absent.
 */
record AuditParameters(
        @Parameter(description = "entries about this token id")
        String tokenId,

        @Parameter(description = "entries by exactly this actor, such as user:alice or token:<id>")
        String actor,

        @Parameter(description = "entries of this type, such as token-revoked")
        String type,

        @Parameter(description = "entries that occurred at or after this ISO-8601 instant")
        String from,

        @Parameter(description = "entries that occurred before this ISO-8601 instant")
        String to,

        @Parameter(
                description = "page size, 1 to 200; 50; checked but not applied by the CSV export, which has no pages")
        String limit,

        @Parameter(description = "the nextCursor of the previous page")
        String cursor) {

    static final String TOKEN_ID_INVALID = "token-id-invalid";
    static final String ACTOR_INVALID = "actor-invalid";
    static final String TYPE_INVALID = "type-invalid";
    static final String FROM_INVALID = "from-invalid";
    static final String TO_INVALID = "to-invalid";
    static final String RANGE_INVALID = "range-invalid";
    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 200;
    static final int MAX_ACTOR_LENGTH = 200;

    private static final Pattern TYPE = Pattern.compile("[a-z][a-z0-9-]{0,63}");

    AuditFilter filter() {
        Instant fromInstant = QueryParameters.instant(from, FROM_INVALID, "from");
        Instant toInstant = QueryParameters.instant(to, TO_INVALID, "to");
        if (fromInstant != null && toInstant != null && fromInstant.isAfter(toInstant)) {
            throw new InvalidParameterException(RANGE_INVALID, "from must not be after to");
        }
        return new AuditFilter(parsedTokenId(), parsedActor(), parsedType(), fromInstant, toInstant);
    }

    int pageSize() {
        return QueryParameters.limit(limit, DEFAULT_LIMIT, MAX_LIMIT);
    }

    /** Where the page starts, or null for the first page. */
    AuditCursor position() {
        return QueryParameters.isAbsent(cursor) ? null : AuditCursor.decode(cursor);
    }

    private UUID parsedTokenId() {
        if (QueryParameters.isAbsent(tokenId)) {
            return null;
        }
        try {
            // UUID.fromString accepts abbreviated forms; only the canonical one names a token.
            UUID parsed = UUID.fromString(tokenId);
            if (parsed.toString().equalsIgnoreCase(tokenId)) {
                return parsed;
            }
        } catch (IllegalArgumentException e) {
            // Answered below like any other malformed id.
        }
        throw new InvalidParameterException(TOKEN_ID_INVALID, "tokenId is a token id (a UUID)");
    }

    private String parsedActor() {
        if (QueryParameters.isAbsent(actor)) {
            return null;
        }
        if (actor.codePointCount(0, actor.length()) > MAX_ACTOR_LENGTH
                || actor.codePoints().anyMatch(Character::isISOControl)) {
            throw new InvalidParameterException(
                    ACTOR_INVALID, "actor has at most " + MAX_ACTOR_LENGTH + " characters and no control characters");
        }
        return actor;
    }

    private String parsedType() {
        if (QueryParameters.isAbsent(type)) {
            return null;
        }
        if (!TYPE.matcher(type).matches()) {
            throw new InvalidParameterException(TYPE_INVALID, "type is an entry type such as token-revoked");
        }
        return type;
    }
}
