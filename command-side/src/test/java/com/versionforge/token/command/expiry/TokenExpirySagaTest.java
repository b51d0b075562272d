package com.versionforge.token.command.expiry;

import com.versionforge.token.api.AuditMetadata;
import com.versionforge.token.api.ExpireTokenCommand;
import com.versionforge.token.api.IssueExpiryWarningCommand;
import com.versionforge.token.api.RevokeTokenCommand;
import com.versionforge.token.api.Scope;
import com.versionforge.token.api.SecretDigest;
import com.versionforge.token.api.TenantId;
import com.versionforge.token.api.TokenCreatedEvent;
import com.versionforge.token.api.TokenExpiredEvent;
import com.versionforge.token.api.TokenId;
import com.versionforge.token.api.TokenName;
import com.versionforge.token.api.TokenRevokedEvent;
import com.versionforge.token.api.TokenRotatedEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.test.saga.SagaTestFixture;
import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeMatcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TokenExpirySagaTest {

    private static final TokenId TOKEN = new TokenId(UUID.fromString("1b4e28ba-2fa1-11d2-883f-0016d3cca427"));
    private static final TokenId SUCCESSOR = new TokenId(UUID.fromString("6f1c2d3e-4b5a-4c6d-8e7f-901a2b3c4d5e"));
    private static final TenantId TENANT = new TenantId("acme");
    private static final Instant NOW = Instant.parse("2026-12-03T10:15:30Z");
    private static final Instant IN_90_DAYS = NOW.plus(Duration.ofDays(90));

    private SagaTestFixture<TokenExpirySaga> fixture;

    @BeforeEach
    void setUp() {
        fixture = new SagaTestFixture<>(TokenExpirySaga.class);
    }

    @Test
    void schedulesBothWarningsAndTheExpiryOfANinetyDayToken() {
        fixture.givenCurrentTime(NOW)
                .whenPublishingA(createdExpiringAt(IN_90_DAYS))
                .expectActiveSagas(1)
                .expectAssociationWith("tokenId", TOKEN.toString())
                .expectScheduledDeadline(IN_90_DAYS.minus(Duration.ofDays(14)), "14d")
                .expectScheduledDeadline(IN_90_DAYS.minus(Duration.ofDays(3)), "3d")
                .expectScheduledDeadlineWithName(IN_90_DAYS, TokenExpirySaga.EXPIRY_DEADLINE)
                .expectNoDispatchedCommands();
    }

    @Test
    void warnsFourteenAndThreeDaysAheadThenExpiresANinetyDayToken() throws Exception {
        fixture.givenCurrentTime(NOW)
                .andThenAPublished(createdExpiringAt(IN_90_DAYS))
                .whenTimeElapses(Duration.ofDays(90))
                .expectDispatchedCommands(
                        new IssueExpiryWarningCommand(TOKEN, "14d"),
                        new IssueExpiryWarningCommand(TOKEN, "3d"),
                        new ExpireTokenCommand(TOKEN))
                .expectDispatchedCommandsMatching(allSentBySystem());
    }

    @Test
    void sendsTheFourteenDayWarningWhenItIsDueAndNothingBefore() throws Exception {
        fixture.givenCurrentTime(NOW)
                .andThenAPublished(createdExpiringAt(IN_90_DAYS))
                .andThenTimeAdvancesTo(IN_90_DAYS.minus(Duration.ofDays(14)).minusSeconds(1))
                .whenTimeElapses(Duration.ofSeconds(1))
                .expectDispatchedCommands(new IssueExpiryWarningCommand(TOKEN, "14d"))
                .expectTriggeredDeadlinesWithName(TokenExpirySaga.WARNING_DEADLINE);
    }

    @Test
    void sendsOnlyTheThreeDayWarningForATenDayToken() throws Exception {
        fixture.givenCurrentTime(NOW)
                .andThenAPublished(createdExpiringAt(NOW.plus(Duration.ofDays(10))))
                .whenTimeElapses(Duration.ofDays(10))
                .expectDispatchedCommands(new IssueExpiryWarningCommand(TOKEN, "3d"), new ExpireTokenCommand(TOKEN));
    }

    @Test
    void sendsNoWarningForATwoHourTokenOnlyItsExpiry() throws Exception {
        fixture.givenCurrentTime(NOW)
                .andThenAPublished(createdExpiringAt(NOW.plus(Duration.ofHours(2))))
                .whenTimeElapses(Duration.ofHours(2))
                .expectDispatchedCommands(new ExpireTokenCommand(TOKEN));
    }

    @Test
    void sendsBothWarningsForATokenExpiringFourteenDaysAndOneSecondOut() throws Exception {
        Duration lifetime = Duration.ofDays(14).plusSeconds(1);

        fixture.givenCurrentTime(NOW)
                .andThenAPublished(createdExpiringAt(NOW.plus(lifetime)))
                .whenTimeElapses(lifetime)
                .expectDispatchedCommands(
                        new IssueExpiryWarningCommand(TOKEN, "14d"),
                        new IssueExpiryWarningCommand(TOKEN, "3d"),
                        new ExpireTokenCommand(TOKEN));
    }

    @Test
    void skipsAWarningDueAtTheVeryInstantOfCreation() throws Exception {
        Duration lifetime = Duration.ofDays(14);

        fixture.givenCurrentTime(NOW)
                .andThenAPublished(createdExpiringAt(NOW.plus(lifetime)))
                .whenTimeElapses(lifetime)
                .expectDispatchedCommands(new IssueExpiryWarningCommand(TOKEN, "3d"), new ExpireTokenCommand(TOKEN));
    }

    @Test
    void skipsWarningsDueBeforeCreationEvenWhenTheEventIsHandledLate() throws Exception {
        Instant createdAt = NOW.minus(Duration.ofDays(5));

        fixture.givenCurrentTime(NOW)
                .andThenAPublished(createdAt(createdAt, createdAt.plus(Duration.ofDays(10))))
                .whenTimeElapses(Duration.ofDays(5))
                .expectDispatchedCommands(new IssueExpiryWarningCommand(TOKEN, "3d"), new ExpireTokenCommand(TOKEN));
    }

    @Test
    void cancelsEveryDeadlineWhenRevokedBeforeAnyWarning() throws Exception {
        fixture.givenCurrentTime(NOW)
                .andThenAPublished(createdExpiringAt(IN_90_DAYS))
                .andThenTimeElapses(Duration.ofDays(30))
                .whenPublishingA(new TokenRevokedEvent(TOKEN, TENANT, "leaked", NOW.plus(Duration.ofDays(30))))
                .expectActiveSagas(0)
                .expectNoScheduledDeadlines()
                .expectNoDispatchedCommands();
    }

    @Test
    void cancelsWhatIsLeftWhenRevokedAfterAWarningFired() throws Exception {
        Instant afterFirstWarning = IN_90_DAYS.minus(Duration.ofDays(10));

        fixture.givenCurrentTime(NOW)
                .andThenAPublished(createdExpiringAt(IN_90_DAYS))
                .andThenTimeAdvancesTo(afterFirstWarning)
                .whenPublishingA(new TokenRevokedEvent(TOKEN, TENANT, null, afterFirstWarning))
                .expectActiveSagas(0)
                .expectNoScheduledDeadlines()
                .expectNoDispatchedCommands();
    }

    @Test
    void endsWhenTheTokenExpires() throws Exception {
        fixture.givenCurrentTime(NOW)
                .andThenAPublished(createdExpiringAt(NOW.plus(Duration.ofDays(10))))
                .andThenTimeElapses(Duration.ofDays(10))
                .whenPublishingA(new TokenExpiredEvent(TOKEN, TENANT, NOW.plus(Duration.ofDays(10))))
                .expectActiveSagas(0)
                .expectNoScheduledDeadlines();
    }

    @Test
    void schedulesTheEndOfTheGracePeriodAndDropsTheWarningsOfARotatedToken() throws Exception {
        Instant graceEndsAt = NOW.plus(Duration.ofDays(7));

        fixture.givenCurrentTime(NOW)
                .andThenAPublished(createdExpiringAt(IN_90_DAYS))
                .whenPublishingA(new TokenRotatedEvent(TOKEN, TENANT, SUCCESSOR, NOW, graceEndsAt))
                .expectActiveSagas(1)
                .expectScheduledDeadlineWithName(graceEndsAt, TokenExpirySaga.GRACE_DEADLINE)
                .expectScheduledDeadlineWithName(IN_90_DAYS, TokenExpirySaga.EXPIRY_DEADLINE)
                .expectNoScheduledDeadlineWithName(
                        IN_90_DAYS.minus(Duration.ofDays(14)), TokenExpirySaga.WARNING_DEADLINE)
                .expectNoScheduledDeadlineWithName(
                        IN_90_DAYS.minus(Duration.ofDays(3)), TokenExpirySaga.WARNING_DEADLINE);
    }

    @Test
    void revokesARotatedTokenWithReasonRotatedWhenItsGracePeriodEnds() throws Exception {
        fixture.givenCurrentTime(NOW)
                .andThenAPublished(createdExpiringAt(IN_90_DAYS))
                .andThenAPublished(new TokenRotatedEvent(TOKEN, TENANT, SUCCESSOR, NOW, NOW.plus(Duration.ofDays(7))))
                .whenTimeElapses(Duration.ofDays(7))
                .expectDispatchedCommands(new RevokeTokenCommand(TOKEN, TENANT, "rotated"))
                .expectDispatchedCommandsMatching(allSentBySystem());
    }

    @Test
    void keepsARotatedTokenWithoutGracePeriodUntilItsExpiry() throws Exception {
        fixture.givenCurrentTime(NOW)
                .andThenAPublished(createdExpiringAt(IN_90_DAYS))
                .andThenAPublished(new TokenRotatedEvent(TOKEN, TENANT, SUCCESSOR, NOW, null))
                .whenTimeElapses(Duration.ofDays(90))
                .expectDispatchedCommands(new ExpireTokenCommand(TOKEN));
    }

    @Test
    void endsAtTheRevocationThatClosesTheGracePeriod() throws Exception {
        Instant graceEndsAt = NOW.plus(Duration.ofDays(7));

        fixture.givenCurrentTime(NOW)
                .andThenAPublished(createdExpiringAt(IN_90_DAYS))
                .andThenAPublished(new TokenRotatedEvent(TOKEN, TENANT, SUCCESSOR, NOW, graceEndsAt))
                .andThenTimeElapses(Duration.ofDays(7))
                .whenPublishingA(new TokenRevokedEvent(TOKEN, TENANT, "rotated", graceEndsAt))
                .expectActiveSagas(0)
                .expectNoScheduledDeadlines();
    }

    private static TokenCreatedEvent createdExpiringAt(Instant expiresAt) {
        return createdAt(NOW, expiresAt);
    }

    private static TokenCreatedEvent createdAt(Instant createdAt, Instant expiresAt) {
        return new TokenCreatedEvent(
                TOKEN,
                TENANT,
                new TokenName("CI/CD Pipeline - Production"),
                Scope.SYNC_TRIGGER,
                new SecretDigest("ab".repeat(32)),
                "x9Zq",
                createdAt,
                expiresAt);
    }

    private static Matcher<List<CommandMessage<?>>> allSentBySystem() {
        return new TypeSafeMatcher<>() {
            @Override
            protected boolean matchesSafely(List<CommandMessage<?>> commands) {
                return !commands.isEmpty()
                        && commands.stream()
                                .allMatch(command -> TokenExpirySaga.SYSTEM_ACTOR.equals(
                                        command.getMetaData().get(AuditMetadata.ACTOR)));
            }

            @Override
            public void describeTo(Description description) {
                description.appendText("commands that all carry actor metadata 'system'");
            }
        };
    }
}
