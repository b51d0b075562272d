package com.versionforge.token.query.dashboard;

import com.versionforge.token.api.Scope;
import com.versionforge.token.api.TokenName;
import com.versionforge.token.api.TokenStatus;
import com.versionforge.token.query.web.InvalidParameterException;
import java.util.Arrays;
import java.util.regex.Pattern;

/**
 * Which of a tenant's tokens a listing shows; a null field does not filter.
 *
 * @param status the effective status, in which an active token past its expiry counts as expired
 * @param scope the exact scope
 * @param expiringWithinDays active tokens whose expiry is at most this many days from now
 * @param nameContains a text the name contains, ignoring case
 */
record DashboardFilter(TokenStatus status, Scope scope, Integer expiringWithinDays, String nameContains) {

    static final String STATUS_INVALID = "status-invalid";
    static final String SCOPE_INVALID = "scope-invalid";
    static final String EXPIRING_WITHIN_DAYS_INVALID = "expiring-within-days-invalid";
    static final String Q_INVALID = "q-invalid";

    /** Ten years: far beyond any token's lifetime, and well inside the instants PostgreSQL can compare. */
    static final int MAX_EXPIRING_WITHIN_DAYS = 3650;

    private static final Pattern DAYS = Pattern.compile("[0-9]{1,4}");

    /**
     * The filter of a listing's query parameters; an empty parameter counts as absent.
     *
     * @throws InvalidParameterException with the code of the first parameter that is not valid
     */
    static DashboardFilter parse(String status, String scope, String expiringWithinDays, String q) {
        return new DashboardFilter(status(status), scope(scope), days(expiringWithinDays), nameContains(q));
    }

    private static TokenStatus status(String text) {
        if (isAbsent(text)) {
            return null;
        }
        return Arrays.stream(TokenStatus.values())
                .filter(status -> status.wireName().equals(text))
                .findFirst()
                .orElseThrow(
                        () -> new InvalidParameterException(STATUS_INVALID, "status is active, revoked or expired"));
    }

    private static Scope scope(String text) {
        if (isAbsent(text)) {
            return null;
        }
        return Scope.fromWireName(text)
                .orElseThrow(() ->
                        new InvalidParameterException(SCOPE_INVALID, "scope is read-only, sync-trigger or admin"));
    }

    private static Integer days(String text) {
        if (isAbsent(text)) {
            return null;
        }
        if (!DAYS.matcher(text).matches() || Integer.parseInt(text) > MAX_EXPIRING_WITHIN_DAYS) {
            throw new InvalidParameterException(
                    EXPIRING_WITHIN_DAYS_INVALID,
                    "expiringWithinDays is a whole number from 0 to " + MAX_EXPIRING_WITHIN_DAYS);
        }
        return Integer.parseInt(text);
    }

    private static String nameContains(String text) {
        if (isAbsent(text)) {
            return null;
        }
        // No name is longer or has control characters, and PostgreSQL refuses text with NUL characters.
        if (text.codePointCount(0, text.length()) > TokenName.MAX_LENGTH
                || text.codePoints().anyMatch(Character::isISOControl)) {
            throw new InvalidParameterException(
                    Q_INVALID, "q has at most " + TokenName.MAX_LENGTH + " characters and no control characters");
        }
        return text;
    }

    private static boolean isAbsent(String text) {
        return text == null || text.isEmpty();
    }
}
