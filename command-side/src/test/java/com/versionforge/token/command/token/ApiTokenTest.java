package com.versionforge.token.command.token;

import static org.hamcrest.Matchers.equalTo;

import com.versionforge.token.api.CreateTokenCommand;
import com.versionforge.token.api.ExpireTokenCommand;
import com.versionforge.token.api.RevokeTokenCommand;
import com.versionforge.token.api.Scope;
import com.versionforge.token.api.SecretDigest;
import com.versionforge.token.api.TenantId;
import com.versionforge.token.api.TokenCreatedEvent;
import com.versionforge.token.api.TokenErrorCode;
import com.versionforge.token.api.TokenExpiredEvent;
import com.versionforge.token.api.TokenId;
import com.versionforge.token.api.TokenName;
import com.versionforge.token.api.TokenRevokedEvent;
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

class ApiTokenTest {

    private static final TokenId TOKEN = new TokenId(UUID.fromString("1b4e28ba-2fa1-11d2-883f-0016d3cca427"));
    private static final TenantId TENANT = new TenantId("acme");
    private static final TenantId OTHER_TENANT = new TenantId("globex");
    private static final TokenName NAME = new TokenName("CI/CD Pipeline - Production");
    private static final SecretDigest DIGEST = new SecretDigest("ab".repeat(32));
    private static final String HINT = "x9Zq";
    private static final Duration MAXIMUM_LIFETIME = TokenLifetimePolicy.DEFAULT_MAXIMUM_LIFETIME;
    private static final Instant NOW = Instant.parse("2026-12-03T10:15:30Z");
    private static final Instant EXPIRES_AT = NOW.plus(Duration.ofDays(90));
    private static final TokenCreatedEvent CREATED = created(NOW, EXPIRES_AT);

    private AggregateTestFixture<ApiToken> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(ApiToken.class);
        fixture.registerInjectableResource(new TokenLifetimePolicy(Clock.fixed(NOW, ZoneOffset.UTC), MAXIMUM_LIFETIME));
    }

    @Test
    void createsTokenStampedWithTheClock() {
        fixture.givenNoPriorActivity()
                .when(create(Scope.SYNC_TRIGGER, Scope.ADMIN, EXPIRES_AT))
                .expectSuccessfulHandlerExecution()
                .expectEvents(created(Scope.SYNC_TRIGGER, NOW, EXPIRES_AT));
    }

    @Test
    void refusesCreateWithoutExpiry() {
        fixture.givenNoPriorActivity()
                .when(create(Scope.READ_ONLY, Scope.ADMIN, null))
                .expectNoEvents()
                .expectException(violationOf(TokenErrorCode.EXPIRY_REQUIRED));
    }

    @Test
    void refusesCreateWithExpiryInThePast() {
        fixture.givenNoPriorActivity()
                .when(create(Scope.READ_ONLY, Scope.ADMIN, NOW.minusSeconds(1)))
                .expectNoEvents()
                .expectException(violationOf(TokenErrorCode.EXPIRY_INVALID));
    }

    @Test
    void refusesCreateWithExpiryAtTheCurrentInstant() {
        fixture.givenNoPriorActivity()
                .when(create(Scope.READ_ONLY, Scope.ADMIN, NOW))
                .expectNoEvents()
                .expectException(violationOf(TokenErrorCode.EXPIRY_INVALID));
    }

    @Test
    void acceptsExpiryExactlyAtTheMaximumLifetime() {
        Instant latest = NOW.plus(MAXIMUM_LIFETIME);

        fixture.givenNoPriorActivity()
                .when(create(Scope.READ_ONLY, Scope.ADMIN, latest))
                .expectEvents(created(Scope.READ_ONLY, NOW, latest));
    }

    @Test
    void refusesExpiryOneSecondPastTheMaximumLifetime() {
        fixture.givenNoPriorActivity()
                .when(create(
                        Scope.READ_ONLY, Scope.ADMIN, NOW.plus(MAXIMUM_LIFETIME).plusSeconds(1)))
                .expectNoEvents()
                .expectException(violationOf(TokenErrorCode.EXPIRY_INVALID));
    }

    @Test
    void refusesScopeAboveTheIssuersOwn() {
        fixture.givenNoPriorActivity()
                .when(create(Scope.ADMIN, Scope.SYNC_TRIGGER, EXPIRES_AT))
                .expectNoEvents()
                .expectException(violationOf(TokenErrorCode.SCOPE_ABOVE_CALLER));
    }

    @Test
    void acceptsScopeEqualToTheIssuersOwn() {
        fixture.givenNoPriorActivity()
                .when(create(Scope.SYNC_TRIGGER, Scope.SYNC_TRIGGER, EXPIRES_AT))
                .expectEvents(created(Scope.SYNC_TRIGGER, NOW, EXPIRES_AT));
    }

    @Test
    void refusesHintThatIsNotFourCharacters() {
        CreateTokenCommand command =
                new CreateTokenCommand(TOKEN, TENANT, NAME, Scope.READ_ONLY, Scope.ADMIN, DIGEST, "x9Zq7", EXPIRES_AT);

        fixture.givenNoPriorActivity().when(command).expectNoEvents().expectException(IllegalArgumentException.class);
    }

    @Test
    void recordsUseOfActiveToken() {
        Instant first = NOW.plusSeconds(60);
        Instant last = NOW.plusSeconds(119);

        fixture.given(CREATED)
                .when(new UseTokenCommand(TOKEN, 42, first, last, "203.0.113.7", "curl/8.5"))
                .expectEvents(new TokenUsedEvent(TOKEN, TENANT, 42, first, last, "203.0.113.7", "curl/8.5"));
    }

    @Test
    void refusesUseAtTheExpiryInstant() {
        fixture.given(CREATED)
                .when(new UseTokenCommand(TOKEN, 1, EXPIRES_AT, EXPIRES_AT, null, null))
                .expectNoEvents()
                .expectException(violationOf(TokenErrorCode.TOKEN_NOT_ACTIVE));
    }

    @Test
    void refusesUseOfRevokedToken() {
        fixture.given(CREATED, revoked())
                .when(new UseTokenCommand(TOKEN, 1, NOW, NOW, null, null))
                .expectNoEvents()
                .expectException(violationOf(TokenErrorCode.TOKEN_NOT_ACTIVE));
    }

    @Test
    void refusesUseWithoutAnyPassedCheck() {
        fixture.given(CREATED)
                .when(new UseTokenCommand(TOKEN, 0, NOW, NOW, null, null))
                .expectNoEvents()
                .expectException(IllegalArgumentException.class);
    }

    @Test
    void refusesUseWhoseFirstUseFollowsItsLast() {
        fixture.given(CREATED)
                .when(new UseTokenCommand(TOKEN, 2, NOW.plusSeconds(1), NOW, null, null))
                .expectNoEvents()
                .expectException(IllegalArgumentException.class);
    }

    @Test
    void revokesActiveTokenStampedWithTheClock() {
        fixture.given(CREATED)
                .when(new RevokeTokenCommand(TOKEN, TENANT, "leaked in a build log"))
                .expectEvents(new TokenRevokedEvent(TOKEN, TENANT, "leaked in a build log", NOW));
    }

    @Test
    void acceptsRevokeReasonOfTheMaximumLength() {
        String reason = "r".repeat(ApiToken.MAX_REVOKE_REASON_LENGTH);

        fixture.given(CREATED)
                .when(new RevokeTokenCommand(TOKEN, TENANT, reason))
                .expectEvents(new TokenRevokedEvent(TOKEN, TENANT, reason, NOW));
    }

    @Test
    void refusesRevokeReasonLongerThanTheMaximum() {
        String reason = "r".repeat(ApiToken.MAX_REVOKE_REASON_LENGTH + 1);

        fixture.given(CREATED)
                .when(new RevokeTokenCommand(TOKEN, TENANT, reason))
                .expectNoEvents()
                .expectException(IllegalArgumentException.class);
    }

    @Test
    void refusesSecondRevoke() {
        fixture.given(CREATED, revoked())
                .when(new RevokeTokenCommand(TOKEN, TENANT, null))
                .expectNoEvents()
                .expectException(violationOf(TokenErrorCode.TOKEN_NOT_ACTIVE));
    }

    @Test
    void refusesRevokeOfExpiredToken() {
        fixture.given(created(NOW.minus(Duration.ofDays(90)), NOW), new TokenExpiredEvent(TOKEN, TENANT, NOW))
                .when(new RevokeTokenCommand(TOKEN, TENANT, null))
                .expectNoEvents()
                .expectException(violationOf(TokenErrorCode.TOKEN_NOT_ACTIVE));
    }

    @Test
    void hidesTokenFromRevokeByAnotherTenant() {
        fixture.given(CREATED)
                .when(new RevokeTokenCommand(TOKEN, OTHER_TENANT, null))
                .expectNoEvents()
                .expectException(violationOf(TokenErrorCode.TOKEN_NOT_FOUND));
    }

    @Test
    void expiresTokenExactlyAtItsExpiryInstant() {
        fixture.given(created(NOW.minus(Duration.ofDays(90)), NOW))
                .when(new ExpireTokenCommand(TOKEN))
                .expectEvents(new TokenExpiredEvent(TOKEN, TENANT, NOW));
    }

    @Test
    void refusesExpireBeforeTheExpiryInstant() {
        fixture.given(created(NOW.minus(Duration.ofDays(90)), NOW.plusSeconds(1)))
                .when(new ExpireTokenCommand(TOKEN))
                .expectNoEvents()
                .expectException(violationOf(TokenErrorCode.EXPIRY_NOT_REACHED));
    }

    @Test
    void refusesExpireOfRevokedToken() {
        fixture.given(created(NOW.minus(Duration.ofDays(90)), NOW), revoked())
                .when(new ExpireTokenCommand(TOKEN))
                .expectNoEvents()
                .expectException(violationOf(TokenErrorCode.TOKEN_NOT_ACTIVE));
    }

    private static CreateTokenCommand create(Scope scope, Scope issuerScope, Instant expiresAt) {
        return new CreateTokenCommand(TOKEN, TENANT, NAME, scope, issuerScope, DIGEST, HINT, expiresAt);
    }

    private static TokenCreatedEvent created(Instant createdAt, Instant expiresAt) {
        return created(Scope.READ_ONLY, createdAt, expiresAt);
    }

    private static TokenCreatedEvent created(Scope scope, Instant createdAt, Instant expiresAt) {
        return new TokenCreatedEvent(TOKEN, TENANT, NAME, scope, DIGEST, HINT, createdAt, expiresAt);
    }

    private static TokenRevokedEvent revoked() {
        return new TokenRevokedEvent(TOKEN, TENANT, null, NOW);
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
