package com.versionforge.token.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class ExpiryWarningThresholdTest {

    private static final Instant EXPIRES_AT = Instant.parse("2027-01-31T00:00:00Z");

    @Test
    void fallsDueTheGivenSpanBeforeTheExpiryInstant() {
        assertThat(ExpiryWarningThreshold.FOURTEEN_DAYS.dueAt(EXPIRES_AT))
                .isEqualTo(Instant.parse("2027-01-17T00:00:00Z"));
        assertThat(ExpiryWarningThreshold.THREE_DAYS.dueAt(EXPIRES_AT))
                .isEqualTo(Instant.parse("2027-01-28T00:00:00Z"));
    }

    @Test
    void isFoundByItsWireNameOnly() {
        assertThat(ExpiryWarningThreshold.fromWireName("14d")).contains(ExpiryWarningThreshold.FOURTEEN_DAYS);
        assertThat(ExpiryWarningThreshold.fromWireName("3d")).contains(ExpiryWarningThreshold.THREE_DAYS);
        assertThat(ExpiryWarningThreshold.fromWireName("THREE_DAYS")).isEmpty();
        assertThat(ExpiryWarningThreshold.fromWireName(null)).isEmpty();
    }
}
