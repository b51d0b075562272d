package com.versionforge.token.command.token;

import static org.hamcrest.Matchers.equalTo;

import com.versionforge.token.api.RotateTokenCommand;
import com.versionforge.token.api.Scope;
import com.versionforge.token.api.SecretDigest;
import com.versionforge.token.api.TenantId;
import com.versionforge.token.api.TokenCreatedEvent;
import com.versionforge.token.api.TokenErrorCode;
import com.versionforge.token.api.TokenExpiredEvent;
import com.versionforge.token.api.TokenId;
import com.versionforge.token.api.TokenName;
import com.versionforge.token.api.TokenRevokedEvent;
import com.versionforge.token.api.TokenRotatedEvent;
import com.versionforge.token.api.TokenRuleViolationException;
import com.versionforge.token.api.TokenUsedEvent;
import com.versionforge.token.api.UseTokenCommand;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.hamcrest.FeatureMatcher;
import org.hamcrest.Matcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ApiTokenRotationTest {

    private static final TokenId TOKEN = new TokenId(UUID.fromString("1b4e28ba-2fa1-11d2-883f-0016d3cca427"));
    private static final TokenId SUCCESSOR = new TokenId(UUID.fromString("6f1c2d3e-4b5a-4c6d-8e7f-901a2b3c4d5e"));
    private static final TokenId SECOND_SUCCESSOR =
            new TokenId(UUID.fromString("0a9b8c7d-6e5f-4a3b-9c1d-2e3f4a5b6c7d"));
    private static final TenantId TENANT = new TenantId("acme");
    private static final TenantId OTHER_TENANT = new TenantId("globex");
    private static final Instant NOW = Instant.parse("2026-12-03T10:15:30Z");
    private static final Instant CREATED_AT = NOW.minus(Duration.ofDays(60));
    private static final Instant EXPIRES_AT = CREATED_AT.plus(Duration.ofDays(90));
    private static final Instant GRACE_ENDS_AT = NOW.plus(Duration.ofDays(7));

    private AggregateTestFixture<ApiToken> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(ApiToken.class);
        fixture.registerInjectableResource(new TokenLifetimePolicy(
                Clock.fixed(NOW, ZoneOffset.UTC), TokenLifetimePolicy.DEFAULT_MAXIMUM_LIFETIME));
    }

    @Test
    void rotatesActiveTokenWithAGracePeriod() {
        fixture.given(created(Scope.SYNC_TRIGGER, EXPIRES_AT))
                .when(new RotateTokenCommand(TOKEN, TENANT, SUCCESSOR, Scope.ADMIN, GRACE_ENDS_AT))
                .expectEvents(new TokenRotatedEvent(TOKEN, TENANT, SUCCESSOR, NOW, GRACE_ENDS_AT));
    }

    @Test
    void rotatesActiveTokenWithoutAGracePeriod() {
        fixture.given(created(Scope.SYNC_TRIGGER, EXPIRES_AT))
                .when(new RotateTokenCommand(TOKEN, TENANT, SUCCESSOR, Scope.SYNC_TRIGGER, null))
                .expectEvents(new TokenRotatedEvent(TOKEN, TENANT, SUCCESSOR, NOW, null));
    }

    @Test
    void refusesSecondRotation() {
        fixture.given(created(Scope.READ_ONLY, EXPIRES_AT), new TokenRotatedEvent(TOKEN, TENANT, SUCCESSOR, NOW, null))
                .when(new RotateTokenCommand(TOKEN, TENANT, SECOND_SUCCESSOR, Scope.ADMIN, null))
                .expectNoEvents()
                .expectException(violationOf(TokenErrorCode.TOKEN_ALREADY_ROTATED));
    }

    @Test
    void refusesRotationOfRevokedToken() {
        fixture.given(created(Scope.READ_ONLY, EXPIRES_AT), new TokenRevokedEvent(TOKEN, TENANT, null, NOW))
                .when(new RotateTokenCommand(TOKEN, TENANT, SUCCESSOR, Scope.ADMIN, null))
                .expectNoEvents()
                .expectException(violationOf(TokenErrorCode.TOKEN_NOT_ACTIVE));
    }

    @Test
    void refusesRotationOfExpiredToken() {
        fixture.given(created(Scope.READ_ONLY, NOW), new TokenExpiredEvent(TOKEN, TENANT, NOW))
                .when(new RotateTokenCommand(TOKEN, TENANT, SUCCESSOR, Scope.ADMIN, null))
                .expectNoEvents()
                .expectException(violationOf(TokenErrorCode.TOKEN_NOT_ACTIVE));
    }

    @Test
    void refusesRotationAtTheExpiryInstantBeforeTheExpiryWasRecorded() {
        fixture.given(created(Scope.READ_ONLY, NOW))
                .when(new RotateTokenCommand(TOKEN, TENANT, SUCCESSOR, Scope.ADMIN, null))
                .expectNoEvents()
                .expectException(violationOf(TokenErrorCode.TOKEN_NOT_ACTIVE));
    }

    @Test
    void refusesRotationByACallerOfALowerScope() {
        fixture.given(created(Scope.ADMIN, EXPIRES_AT))
                .when(new RotateTokenCommand(TOKEN, TENANT, SUCCESSOR, Scope.SYNC_TRIGGER, null))
                .expectNoEvents()
                .expectException(violationOf(TokenErrorCode.SCOPE_ABOVE_CALLER));
    }

    @Test
    void hidesTokenFromRotationByAnotherTenant() {
        fixture.given(created(Scope.READ_ONLY, EXPIRES_AT))
                .when(new RotateTokenCommand(TOKEN, OTHER_TENANT, SUCCESSOR, Scope.ADMIN, null))
                .expectNoEvents()
                .expectException(violationOf(TokenErrorCode.TOKEN_NOT_FOUND));
    }

    @Test
    void refusesGracePeriodThatHasAlreadyEnded() {
        fixture.given(created(Scope.READ_ONLY, EXPIRES_AT))
                .when(new RotateTokenCommand(TOKEN, TENANT, SUCCESSOR, Scope.ADMIN, NOW))
                .expectNoEvents()
                .expectException(violationOf(TokenErrorCode.GRACE_PERIOD_INVALID));
    }

    @Test
    void refusesTokenAsItsOwnSuccessor() {
        fixture.given(created(Scope.READ_ONLY, EXPIRES_AT))
                .when(new RotateTokenCommand(TOKEN, TENANT, TOKEN, Scope.ADMIN, null))
                .expectNoEvents()
                .expectException(IllegalArgumentException.class);
    }

    @Test
    void recordsUseOfRotatedTokenWithinItsGracePeriod() {
        Instant lastUse = GRACE_ENDS_AT.minusSeconds(1);

        fixture.given(
                        created(Scope.SYNC_TRIGGER, EXPIRES_AT),
                        new TokenRotatedEvent(TOKEN, TENANT, SUCCESSOR, NOW, GRACE_ENDS_AT))
                .when(new UseTokenCommand(TOKEN, 2, NOW, lastUse, null, null))
                .expectEvents(new TokenUsedEvent(TOKEN, TENANT, 2, NOW, lastUse, null, null));
    }

    @Test
    void refusesUseOfRotatedTokenFromItsGraceEndBeforeItIsRevoked() {
        fixture.given(
                        created(Scope.SYNC_TRIGGER, EXPIRES_AT),
                        new TokenRotatedEvent(TOKEN, TENANT, SUCCESSOR, NOW, GRACE_ENDS_AT))
                .when(new UseTokenCommand(TOKEN, 1, GRACE_ENDS_AT, GRACE_ENDS_AT, null, null))
                .expectNoEvents()
                .expectException(violationOf(TokenErrorCode.TOKEN_NOT_ACTIVE));
    }

    private static TokenCreatedEvent created(Scope scope, Instant expiresAt) {
        return new TokenCreatedEvent(
                TOKEN,
                TENANT,
                new TokenName("Deploy bot"),
                scope,
                new SecretDigest("cd".repeat(32)),
                "Q7w2",
                CREATED_AT,
                expiresAt);
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
