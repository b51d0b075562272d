package com.versionforge.token.command.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.versionforge.token.command.web.InvalidRequestException;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GracePeriodTest {

    private static final Instant NOW = Instant.parse("2026-12-03T10:15:30Z");

    @Test
    void endsTheGivenDurationFromNow() {
        assertThat(GracePeriod.endFrom("PT1H", NOW)).contains(NOW.plus(Duration.ofHours(1)));
        assertThat(GracePeriod.endFrom("P30D", NOW)).contains(NOW.plus(Duration.ofDays(30)));
    }

    @Test
    void isAbsentWhenNotAskedFor() {
        assertThat(GracePeriod.endFrom(null, NOW)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "PT0S", "-PT1H", "P30DT1S", "P1M", "7d", "tomorrow"})
    void refusesWhatIsNotAPositiveDurationOfAtMostThirtyDays(String text) {
        assertThatThrownBy(() -> GracePeriod.endFrom(text, NOW))
                .isInstanceOf(InvalidRequestException.class)
                .extracting(e -> ((InvalidRequestException) e).code())
                .isEqualTo("grace-period-invalid");
    }
}
