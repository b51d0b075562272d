package com.versionforge.token.query.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.versionforge.token.api.Scope;
import com.versionforge.token.api.TenantId;
import com.versionforge.token.api.TokenId;
import com.versionforge.token.api.TokenStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The status, the expiring-soon flag and a grace period's end are judged at the moment asked, to the instant. */
class DashboardEntryTest {

    private static final Instant EXPIRES_AT = Instant.parse("2027-03-01T00:00:00Z");
    private static final Instant FOURTEEN_DAYS_BEFORE = EXPIRES_AT.minus(Duration.ofDays(14));

    @Test
    void isExpiredFromItsExpiryInstantOn() {
        DashboardEntry entry = entry(TokenStatus.ACTIVE);

        assertThat(entry.statusAt(EXPIRES_AT.minusNanos(1000))).isEqualTo(TokenStatus.ACTIVE);
        assertThat(entry.statusAt(EXPIRES_AT)).isEqualTo(TokenStatus.EXPIRED);
    }

    @Test
    void isExpiringSoonFromFourteenDaysBeforeItsExpiry() {
        DashboardEntry entry = entry(TokenStatus.ACTIVE);

        assertThat(entry.expiringSoonAt(FOURTEEN_DAYS_BEFORE.minusSeconds(1))).isFalse();
        assertThat(entry.expiringSoonAt(FOURTEEN_DAYS_BEFORE)).isTrue();
        assertThat(entry.expiringSoonAt(EXPIRES_AT.minusSeconds(1))).isTrue();
        assertThat(entry.expiringSoonAt(EXPIRES_AT)).isFalse();
    }

    @Test
    void isNeverExpiringSoonOnceRevoked() {
        DashboardEntry entry = entry(TokenStatus.REVOKED);

        assertThat(entry.expiringSoonAt(FOURTEEN_DAYS_BEFORE)).isFalse();
        assertThat(entry.statusAt(EXPIRES_AT.plusSeconds(1))).isEqualTo(TokenStatus.REVOKED);
    }

    @Test
    void isRevokedFromTheEndOfItsGracePeriodOn() {
        Instant graceEndsAt = EXPIRES_AT.minus(Duration.ofDays(20));
        DashboardEntry entry = rotated(graceEndsAt);

        assertThat(entry.statusAt(graceEndsAt.minusNanos(1000))).isEqualTo(TokenStatus.ACTIVE);
        assertThat(entry.revokedAtAsOf(graceEndsAt.minusNanos(1000))).isNull();
        assertThat(entry.statusAt(graceEndsAt)).isEqualTo(TokenStatus.REVOKED);
        assertThat(entry.revokedAtAsOf(graceEndsAt)).isEqualTo(graceEndsAt);
        assertThat(entry.revokeReasonAsOf(graceEndsAt)).isEqualTo("rotated");
        assertThat(entry.statusAt(EXPIRES_AT.plusSeconds(1))).isEqualTo(TokenStatus.REVOKED);
    }

    @Test
    void isNeverExpiringSoonOnceItsGracePeriodHasEnded() {
        DashboardEntry entry = rotated(FOURTEEN_DAYS_BEFORE.plus(Duration.ofDays(1)));

        assertThat(entry.expiringSoonAt(FOURTEEN_DAYS_BEFORE)).isTrue();
        assertThat(entry.expiringSoonAt(FOURTEEN_DAYS_BEFORE.plus(Duration.ofDays(1))))
                .isFalse();
    }

    @Test
    void isExpiredWhenItsExpiryComesBeforeTheEndOfItsGracePeriod() {
        DashboardEntry entry = rotated(EXPIRES_AT.plus(Duration.ofHours(1)));

        assertThat(entry.statusAt(EXPIRES_AT.minusSeconds(1))).isEqualTo(TokenStatus.ACTIVE);
        assertThat(entry.statusAt(EXPIRES_AT.plus(Duration.ofHours(2)))).isEqualTo(TokenStatus.EXPIRED);
        assertThat(entry.revokedAtAsOf(EXPIRES_AT.plus(Duration.ofHours(2)))).isNull();
        assertThat(entry.revokeReasonAsOf(EXPIRES_AT.plus(Duration.ofHours(2)))).isNull();
    }

    private static DashboardEntry entry(TokenStatus status) {
        return entry(status, null);
    }

    private static DashboardEntry rotated(Instant graceEndsAt) {
        return entry(TokenStatus.ACTIVE, graceEndsAt);
    }

    private static DashboardEntry entry(TokenStatus status, Instant graceEndsAt) {
        return new DashboardEntry(
                new TokenId(UUID.fromString("1b4e28ba-2fa1-11d2-883f-0016d3cca427")),
                new TenantId("acme"),
                "Datadog Monitor",
                Scope.READ_ONLY,
                status,
                "x9Zq",
                EXPIRES_AT.minus(Duration.ofDays(90)),
                "user:alice",
                EXPIRES_AT,
                null,
                null,
                0,
                null,
                null,
                null,
                null,
                null,
                null,
                graceEndsAt);
    }
}
