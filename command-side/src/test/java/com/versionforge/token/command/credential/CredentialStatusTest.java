package com.versionforge.token.command.credential;

import static org.assertj.core.api.Assertions.assertThat;

import com.versionforge.token.api.Scope;
import com.versionforge.token.api.TenantId;
import com.versionforge.token.api.TokenId;
import com.versionforge.token.api.TokenStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The status the auth check sees is decided by the clock as well as by the recorded status. */
class CredentialStatusTest {

    private static final TokenId TOKEN = new TokenId(UUID.fromString("4a7e28ba-2fa1-11d2-883f-0016d3cca427"));
    private static final Instant CREATED_AT = Instant.parse("2026-12-03T10:15:30Z");
    private static final Instant EXPIRES_AT = CREATED_AT.plus(Duration.ofDays(30));
    private static final Instant GRACE_ENDS_AT = CREATED_AT.plus(Duration.ofDays(7));

    @Test
    void isActiveUntilItsGracePeriodEnds() {
        Credential rotated = credential(TokenStatus.ACTIVE, GRACE_ENDS_AT);

        assertThat(rotated.statusAt(GRACE_ENDS_AT.minusMillis(1))).isEqualTo(TokenStatus.ACTIVE);
        assertThat(rotated.revokedAtAsOf(GRACE_ENDS_AT.minusMillis(1))).isNull();
    }

    @Test
    void isRevokedFromTheEndOfItsGracePeriodBeforeTheRevocationIsRecorded() {
        Credential rotated = credential(TokenStatus.ACTIVE, GRACE_ENDS_AT);

        assertThat(rotated.statusAt(GRACE_ENDS_AT)).isEqualTo(TokenStatus.REVOKED);
        assertThat(rotated.statusAt(EXPIRES_AT.plusSeconds(1))).isEqualTo(TokenStatus.REVOKED);
        assertThat(rotated.revokedAtAsOf(GRACE_ENDS_AT.plusSeconds(1))).isEqualTo(GRACE_ENDS_AT);
    }

    @Test
    void isExpiredWhenItExpiresBeforeItsGracePeriodEnds() {
        Credential rotated = credential(TokenStatus.ACTIVE, EXPIRES_AT.plus(Duration.ofDays(1)));

        assertThat(rotated.statusAt(EXPIRES_AT)).isEqualTo(TokenStatus.EXPIRED);
        assertThat(rotated.revokedAtAsOf(EXPIRES_AT)).isNull();
    }

    @Test
    void isExpiredFromItsExpiryWithoutAGracePeriod() {
        Credential plain = credential(TokenStatus.ACTIVE, null);

        assertThat(plain.statusAt(EXPIRES_AT.minusMillis(1))).isEqualTo(TokenStatus.ACTIVE);
        assertThat(plain.statusAt(EXPIRES_AT)).isEqualTo(TokenStatus.EXPIRED);
    }

    @Test
    void keepsARecordedRevocation() {
        Credential revoked = credential(TokenStatus.REVOKED, GRACE_ENDS_AT);

        assertThat(revoked.statusAt(CREATED_AT)).isEqualTo(TokenStatus.REVOKED);
        assertThat(revoked.revokedAtAsOf(GRACE_ENDS_AT.plusSeconds(1))).isEqualTo(CREATED_AT.plusSeconds(60));
    }

    private static Credential credential(TokenStatus status, Instant graceEndsAt) {
        boolean revoked = status == TokenStatus.REVOKED;
        return new Credential(
                TOKEN,
                new TenantId("acme"),
                "Deploy bot",
                Scope.SYNC_TRIGGER,
                status,
                "q7Wz",
                CREATED_AT,
                "user:alice",
                EXPIRES_AT,
                revoked ? CREATED_AT.plusSeconds(60) : null,
                revoked ? "user:alice" : null,
                graceEndsAt);
    }
}
