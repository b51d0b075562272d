package com.versionforge.token.command.token;

import static org.hamcrest.Matchers.equalTo;

import com.versionforge.token.api.RecordRefusedUseCommand;
import com.versionforge.token.api.Scope;
import com.versionforge.token.api.SecretDigest;
import com.versionforge.token.api.TenantId;
import com.versionforge.token.api.TokenCreatedEvent;
import com.versionforge.token.api.TokenErrorCode;
import com.versionforge.token.api.TokenExpiredEvent;
import com.versionforge.token.api.TokenId;
import com.versionforge.token.api.TokenName;
import com.versionforge.token.api.TokenRefusedUseRecordedEvent;
import com.versionforge.token.api.TokenRevokedEvent;
import com.versionforge.token.api.TokenRotatedEvent;
import com.versionforge.token.api.TokenRuleViolationException;
import com.versionforge.token.api.TokenStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.hamcrest.FeatureMatcher;
import org.hamcrest.Matcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A token that no longer works keeps a record of being presented; an active one cannot have been refused. */
class ApiTokenRefusedUseTest {

    private static final TokenId TOKEN = new TokenId(UUID.fromString("2c5e28ba-2fa1-11d2-883f-0016d3cca427"));
    private static final TenantId TENANT = new TenantId("acme");
    private static final Instant NOW = Instant.parse("2026-12-03T10:15:30Z");
    private static final Instant EXPIRES_AT = NOW.plus(Duration.ofDays(30));
    private static final Instant FIRST = NOW.plus(Duration.ofDays(2));
    private static final Instant LAST = FIRST.plusSeconds(45);
    private static final String CLIENT_IP = "203.0.113.66";
    private static final TokenCreatedEvent CREATED = new TokenCreatedEvent(
            TOKEN,
            TENANT,
            new TokenName("Old deploy key"),
            Scope.SYNC_TRIGGER,
            new SecretDigest("cd".repeat(32)),
            "q7Wz",
            NOW,
            EXPIRES_AT);
    private static final TokenId SUCCESSOR = new TokenId(UUID.fromString("3d6f39cb-2fa1-11d2-883f-0016d3cca427"));
    private static final Instant GRACE_ENDS_AT = NOW.plus(Duration.ofDays(7));
    private static final TokenRotatedEvent ROTATED_WITH_GRACE =
            new TokenRotatedEvent(TOKEN, TENANT, SUCCESSOR, NOW.plusSeconds(30), GRACE_ENDS_AT);
    private static final TokenRevokedEvent REVOKED =
            new TokenRevokedEvent(TOKEN, TENANT, "leaked", NOW.plusSeconds(60));

    private AggregateTestFixture<ApiToken> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(ApiToken.class);
    }

    @Test
    void recordsRefusedUsesOfRevokedToken() {
        fixture.given(CREATED, REVOKED)
                .when(new RecordRefusedUseCommand(TOKEN, TokenStatus.REVOKED, 12, FIRST, LAST, CLIENT_IP))
                .expectEvents(new TokenRefusedUseRecordedEvent(
                        TOKEN, TENANT, TokenStatus.REVOKED, 12, FIRST, LAST, CLIENT_IP));
    }

    @Test
    void recordsRefusedUsesOfExpiredToken() {
        Instant after = EXPIRES_AT.plusSeconds(5);

        fixture.given(CREATED, new TokenExpiredEvent(TOKEN, TENANT, EXPIRES_AT))
                .when(new RecordRefusedUseCommand(TOKEN, TokenStatus.EXPIRED, 1, after, after, null))
                .expectEvents(
                        new TokenRefusedUseRecordedEvent(TOKEN, TENANT, TokenStatus.EXPIRED, 1, after, after, null));
    }

    @Test
    void recordsRefusedUsesFromTheExpiryInstantBeforeTheTokenIsMarkedExpired() {
        fixture.given(CREATED)
                .when(new RecordRefusedUseCommand(TOKEN, TokenStatus.EXPIRED, 3, EXPIRES_AT, EXPIRES_AT, CLIENT_IP))
                .expectEvents(new TokenRefusedUseRecordedEvent(
                        TOKEN, TENANT, TokenStatus.EXPIRED, 3, EXPIRES_AT, EXPIRES_AT, CLIENT_IP));
    }

    @Test
    void recordsRefusedUsesFromTheGraceEndBeforeTheRotatedTokenIsMarkedRevoked() {
        fixture.given(CREATED, ROTATED_WITH_GRACE)
                .when(new RecordRefusedUseCommand(
                        TOKEN, TokenStatus.REVOKED, 2, GRACE_ENDS_AT, GRACE_ENDS_AT, CLIENT_IP))
                .expectEvents(new TokenRefusedUseRecordedEvent(
                        TOKEN, TENANT, TokenStatus.REVOKED, 2, GRACE_ENDS_AT, GRACE_ENDS_AT, CLIENT_IP));
    }

    @Test
    void refusesToRecordRefusedUsesOfRotatedTokenWithinItsGracePeriod() {
        Instant beforeGraceEnd = GRACE_ENDS_AT.minusSeconds(1);

        fixture.given(CREATED, ROTATED_WITH_GRACE)
                .when(new RecordRefusedUseCommand(TOKEN, TokenStatus.REVOKED, 1, beforeGraceEnd, beforeGraceEnd, null))
                .expectNoEvents()
                .expectException(violationOf(TokenErrorCode.TOKEN_STILL_ACTIVE));
    }

    @Test
    void refusesToRecordRefusedUsesOfActiveToken() {
        Instant beforeExpiry = EXPIRES_AT.minusSeconds(1);

        fixture.given(CREATED)
                .when(new RecordRefusedUseCommand(TOKEN, TokenStatus.REVOKED, 1, beforeExpiry, beforeExpiry, null))
                .expectNoEvents()
                .expectException(violationOf(TokenErrorCode.TOKEN_STILL_ACTIVE));
    }

    @Test
    void refusesRecordWithoutAnyRefusedCheck() {
        fixture.given(CREATED, REVOKED)
                .when(new RecordRefusedUseCommand(TOKEN, TokenStatus.REVOKED, 0, FIRST, LAST, null))
                .expectNoEvents()
                .expectException(IllegalArgumentException.class);
    }

    @Test
    void refusesRecordWhoseFirstRefusalFollowsItsLast() {
        fixture.given(CREATED, REVOKED)
                .when(new RecordRefusedUseCommand(TOKEN, TokenStatus.REVOKED, 2, LAST, FIRST, null))
                .expectNoEvents()
                .expectException(IllegalArgumentException.class);
    }

    @Test
    void refusesRecordThatNamesActiveAsTheReason() {
        fixture.given(CREATED, REVOKED)
                .when(new RecordRefusedUseCommand(TOKEN, TokenStatus.ACTIVE, 1, FIRST, LAST, null))
                .expectNoEvents()
                .expectException(IllegalArgumentException.class);
    }

    private static Matcher<TokenRuleViolationException> violationOf(TokenErrorCode code) {
        return new FeatureMatcher<>(equalTo(code), "a token rule violation with error code", "error code") {
            @Override
            protected TokenErrorCode featureValueOf(TokenRuleViolationException violation) {
                return violation.errorCode();
            }
        };
    }
}
