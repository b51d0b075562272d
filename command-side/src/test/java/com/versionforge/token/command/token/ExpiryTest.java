package com.versionforge.token.command.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.versionforge.token.api.TokenErrorCode;
import com.versionforge.token.api.TokenRuleViolationException;
import java.time.Instant;
import org.assertj.core.api.ThrowingConsumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ExpiryTest {

    private static final Instant NOW = Instant.parse("2027-02-28T10:15:30Z");

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "30d, 2027-03-30T10:15:30Z",
        "90d, 2027-05-29T10:15:30Z",
        "1y, 2028-02-28T10:15:30Z",
    })
    void countsPresetsFromNow(String preset, Instant expected) {
        assertThat(Expiry.resolve(preset, null, NOW)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "2027-03-31, 2027-04-01T00:00:00Z",
        "2027-12-31, 2028-01-01T00:00:00Z",
        "2028-02-28, 2028-02-29T00:00:00Z",
        "2028-02-29, 2028-03-01T00:00:00Z",
    })
    void keepsDateValidThroughThatWholeUtcDay(String date, Instant expected) {
        assertThat(Expiry.resolve(null, date, NOW)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "2027-03-31T12:00:00Z, 2027-03-31T12:00:00Z",
        "2027-03-31T12:00:00+02:00, 2027-03-31T10:00:00Z",
        "2027-03-31T23:30:00-05:00, 2027-04-01T04:30:00Z",
        "2027-03-31T12:00:00.250Z, 2027-03-31T12:00:00.250Z",
    })
    void convertsInstantWithOffsetToUtc(String instant, Instant expected) {
        assertThat(Expiry.resolve(null, instant, NOW)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(
            strings = {
                "2027-02-30",
                "2027-02-29",
                "2027-13-01",
                "2027-04-31",
                "2027-02-30T12:00:00Z",
                "2027-03-31T12:00:00",
                "2027-03-31T25:00:00Z",
                "31.03.2027",
                "2027/03/31",
                "tomorrow",
                ""
            })
    void refusesWhatIsNeitherARealDateNorAnInstantWithOffset(String expiresAt) {
        assertThatThrownBy(() -> Expiry.resolve(null, expiresAt, NOW))
                .satisfies(refusedWith(TokenErrorCode.EXPIRY_INVALID));
    }

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {"7d", "30D", "1Y", "365d", "P30D", ""})
    void refusesUnknownPreset(String expiresIn) {
        assertThatThrownBy(() -> Expiry.resolve(expiresIn, null, NOW))
                .satisfies(refusedWith(TokenErrorCode.EXPIRY_INVALID));
    }

    @Test
    void requiresAnExpiry() {
        assertThatThrownBy(() -> Expiry.resolve(null, null, NOW))
                .satisfies(refusedWith(TokenErrorCode.EXPIRY_REQUIRED));
    }

    @Test
    void refusesPresetAndDateTogether() {
        assertThatThrownBy(() -> Expiry.resolve("30d", "2027-03-31", NOW))
                .satisfies(refusedWith(TokenErrorCode.EXPIRY_INVALID));
    }

    private static ThrowingConsumer<Throwable> refusedWith(TokenErrorCode code) {
        return thrown -> assertThat(thrown)
                .isInstanceOfSatisfying(
                        TokenRuleViolationException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(code));
    }
}
