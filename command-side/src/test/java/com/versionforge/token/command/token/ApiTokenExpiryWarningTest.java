package com.versionforge.token.command.token;

import com.versionforge.token.api.IssueExpiryWarningCommand;
import com.versionforge.token.api.Scope;
import com.versionforge.token.api.SecretDigest;
import com.versionforge.token.api.TenantId;
import com.versionforge.token.api.TokenCreatedEvent;
import com.versionforge.token.api.TokenExpiredEvent;
import com.versionforge.token.api.TokenExpiryWarningIssuedEvent;
import com.versionforge.token.api.TokenId;
import com.versionforge.token.api.TokenName;
import com.versionforge.token.api.TokenRevokedEvent;
import com.versionforge.token.api.TokenRotatedEvent;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Warnings are idempotent and only issued while they still tell the admin something; the clock is fixed at NOW. */
class ApiTokenExpiryWarningTest {

    private static final TokenId TOKEN = new TokenId(UUID.fromString("1b4e28ba-2fa1-11d2-883f-0016d3cca427"));
    private static final TokenId SUCCESSOR = new TokenId(UUID.fromString("6f1c2d3e-4b5a-4c6d-8e7f-901a2b3c4d5e"));
    private static final TenantId TENANT = new TenantId("acme");
    private static final Instant NOW = Instant.parse("2026-12-03T10:15:30Z");
    private static final Instant CREATED_AT = NOW.minus(Duration.ofDays(80));

    private AggregateTestFixture<ApiToken> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(ApiToken.class);
        fixture.registerInjectableResource(new TokenLifetimePolicy(
                Clock.fixed(NOW, ZoneOffset.UTC), TokenLifetimePolicy.DEFAULT_MAXIMUM_LIFETIME));
    }

    @Test
    void issuesFourteenDayWarningWhenItIsDue() {
        Instant expiresAt = NOW.plus(Duration.ofDays(14));

        fixture.given(createdExpiringAt(expiresAt))
                .when(new IssueExpiryWarningCommand(TOKEN, "14d"))
                .expectEvents(new TokenExpiryWarningIssuedEvent(TOKEN, TENANT, "14d", NOW, expiresAt));
    }

    @Test
    void issuesThreeDayWarningAfterTheFourteenDayOne() {
        Instant expiresAt = NOW.plus(Duration.ofDays(3));

        fixture.given(
                        createdExpiringAt(expiresAt),
                        new TokenExpiryWarningIssuedEvent(
                                TOKEN, TENANT, "14d", NOW.minus(Duration.ofDays(11)), expiresAt))
                .when(new IssueExpiryWarningCommand(TOKEN, "3d"))
                .expectEvents(new TokenExpiryWarningIssuedEvent(TOKEN, TENANT, "3d", NOW, expiresAt));
    }

    @Test
    void issuesEachThresholdOnlyOnce() {
        Instant expiresAt = NOW.plus(Duration.ofDays(10));

        fixture.given(
                        createdExpiringAt(expiresAt),
                        new TokenExpiryWarningIssuedEvent(
                                TOKEN, TENANT, "14d", NOW.minus(Duration.ofDays(4)), expiresAt))
                .when(new IssueExpiryWarningCommand(TOKEN, "14d"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void skipsFourteenDayWarningOnceTheThreeDayOneIsDue() {
        fixture.given(createdExpiringAt(NOW.plus(Duration.ofDays(2))))
                .when(new IssueExpiryWarningCommand(TOKEN, "14d"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void skipsWarningOfATokenPastItsExpiryInstant() {
        fixture.given(createdExpiringAt(NOW))
                .when(new IssueExpiryWarningCommand(TOKEN, "3d"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void skipsWarningOfARevokedToken() {
        fixture.given(
                        createdExpiringAt(NOW.plus(Duration.ofDays(3))),
                        new TokenRevokedEvent(TOKEN, TENANT, null, NOW.minusSeconds(60)))
                .when(new IssueExpiryWarningCommand(TOKEN, "3d"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void skipsWarningOfAnExpiredToken() {
        fixture.given(createdExpiringAt(NOW), new TokenExpiredEvent(TOKEN, TENANT, NOW))
                .when(new IssueExpiryWarningCommand(TOKEN, "3d"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void skipsWarningOfARotatedToken() {
        fixture.given(
                        createdExpiringAt(NOW.plus(Duration.ofDays(3))),
                        new TokenRotatedEvent(TOKEN, TENANT, SUCCESSOR, NOW.minusSeconds(60), null))
                .when(new IssueExpiryWarningCommand(TOKEN, "3d"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void refusesUnknownThreshold() {
        fixture.given(createdExpiringAt(NOW.plus(Duration.ofDays(7))))
                .when(new IssueExpiryWarningCommand(TOKEN, "7d"))
                .expectNoEvents()
                .expectException(IllegalArgumentException.class);
    }

    private static TokenCreatedEvent createdExpiringAt(Instant expiresAt) {
        return new TokenCreatedEvent(
                TOKEN,
                TENANT,
                new TokenName("Datadog Monitor"),
                Scope.READ_ONLY,
                new SecretDigest("ef".repeat(32)),
                "m3Kp",
                CREATED_AT,
                expiresAt);
    }
}
