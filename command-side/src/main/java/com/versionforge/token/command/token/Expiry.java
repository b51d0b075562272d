package com.versionforge.token.command.token;

import com.versionforge.token.api.TokenErrorCode;
import com.versionforge.token.api.TokenRuleViolationException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Turns the expiry of a create or rotate request into an instant: a preset ({@code 30d}, {@code 90d}, {@code 1y})
 * counted from now, a date valid through that whole day (UTC), or an instant with an offset.
 */
public final class Expiry {

    private static final Map<String, UnaryOperator<OffsetDateTime>> PRESETS = Map.of(
            "30d", t -> t.plusDays(30),
            "90d", t -> t.plusDays(90),
            "1y", t -> t.plusYears(1));

    private Expiry() {}

    /**
     * The expiry instant; whether it lies in the future and within the maximum lifetime is the aggregate's to judge.
     *
     * @throws TokenRuleViolationException {@code expiry-required} when neither is given, {@code expiry-invalid} when
     *     both are or either is malformed
     */
    public static Instant resolve(String expiresIn, String expiresAt, Instant now) {
        if (expiresIn == null && expiresAt == null) {
            throw new TokenRuleViolationException(
                    TokenErrorCode.EXPIRY_REQUIRED, "Give expiresIn (30d, 90d or 1y) or expiresAt (a date or instant)");
        }
        if (expiresIn != null && expiresAt != null) {
            throw invalid("Give either expiresIn or expiresAt, not both");
        }
        if (expiresIn != null) {
            UnaryOperator<OffsetDateTime> preset = PRESETS.get(expiresIn);
            if (preset == null) {
                throw invalid("expiresIn is one of 30d, 90d or 1y; use expiresAt for a custom date");
            }
            return preset.apply(now.atOffset(ZoneOffset.UTC)).toInstant();
        }
        return parseDateOrInstant(expiresAt.strip());
    }

    private static Instant parseDateOrInstant(String text) {
        try {
            if (text.length() == 10) {
                return LocalDate.parse(text).plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC);
            }
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw invalid("expiresAt is a date (2027-03-31) or an instant with offset (2027-03-31T12:00:00Z)");
        }
    }

    private static TokenRuleViolationException invalid(String message) {
        return new TokenRuleViolationException(TokenErrorCode.EXPIRY_INVALID, message);
    }
}
