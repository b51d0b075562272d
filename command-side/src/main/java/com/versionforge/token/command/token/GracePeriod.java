package com.versionforge.token.command.token;

import com.versionforge.token.api.TokenErrorCode;
import com.versionforge.token.command.web.InvalidRequestException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * How long a rotated token stays valid next to its successor before it is revoked with reason {@code rotated}: an
 * ISO-8601 duration such as {@code PT1H} or {@code P7D}, from one second to {@code P30D}.
 */
final class GracePeriod {

    /** The longest grace period accepted. */
    static final Duration MAXIMUM = Duration.ofDays(30);

    /** The shortest grace period accepted. */
    static final Duration MINIMUM = Duration.ofSeconds(1);

    static final String INVALID = TokenErrorCode.GRACE_PERIOD_INVALID.code();

    private GracePeriod() {}

    /**
     * The instant the grace period that starts {@code now} ends, or empty when none was asked for.
     *
     * @throws InvalidRequestException {@code grace-period-invalid} when the text is not such a duration
     */
    static Optional<Instant> endFrom(String text, Instant now) {
        if (text == null) {
            return Optional.empty();
        }
        Duration duration;
        try {
            duration = Duration.parse(text.strip());
        } catch (DateTimeParseException e) {
            throw invalid();
        }
        if (duration.compareTo(MINIMUM) < 0 || duration.compareTo(MAXIMUM) > 0) {
            throw invalid();
        }
        return Optional.of(now.plus(duration));
    }

    private static InvalidRequestException invalid() {
        return new InvalidRequestException(
                INVALID, "gracePeriod is an ISO-8601 duration from PT1S to P30D, such as PT1H or P7D");
    }
}
