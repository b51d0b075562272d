package com.versionforge.token.command.credential;

import static com.versionforge.token.command.support.CommandSideTestConfiguration.START;
import static com.versionforge.token.command.support.TokenApi.TOKENS;
import static com.versionforge.token.command.support.TokenApi.assertProblem;
import static com.versionforge.token.command.support.TokenApi.createBody;
import static com.versionforge.token.command.support.TokenApi.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.kagkarlsson.scheduler.Scheduler;
import com.versionforge.token.api.Scope;
import com.versionforge.token.api.TokenRefusedUseRecordedEvent;
import com.versionforge.token.command.support.RunningCommandSide;
import com.versionforge.token.command.support.TokenIssuer.IssuedToken;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;

/**
 * The end of a rotation's grace period holds by the clock alone: the old token is refused from that instant even when
 * the expiry process has not revoked it (db-scheduler is paused, as if it were late or every node down), and a
 * long-lived cached copy of its credential does not extend it.
 */
// A cache far longer than the default: the grace end must not depend on copies expiring.
@TestPropertySource(properties = "vf.credential-cache.ttl=30s")
class GracePeriodEndIT extends RunningCommandSide {

    private static final String TENANT = "acme";
    private static final Duration GRACE_PERIOD = Duration.ofDays(20);
    private static final Instant GRACE_ENDS_AT = START.plus(GRACE_PERIOD);

    @Autowired
    private Scheduler scheduler;

    private IssuedToken admin;
    private String oldId;
    private String oldSecret;
    private String newSecret;

    @BeforeEach
    void rotateWithAGracePeriodAndHoldTheDeadlines() {
        scheduler.pause();
        admin = issuer.issue(TENANT, Scope.ADMIN);
        JsonNode created =
                json(api.create(admin.secret(), createBody("Deploy bot " + UUID.randomUUID(), "sync-trigger", "90d")));
        oldId = created.path("id").asText();
        oldSecret = created.path("token").asText();
        JsonNode rotated = json(api.post(
                TOKENS + "/" + oldId + "/rotate",
                admin.secret(),
                MediaType.APPLICATION_JSON,
                "{\"expiresIn\": \"90d\", \"gracePeriod\": \"" + GRACE_PERIOD + "\"}",
                new HttpHeaders()));
        newSecret = rotated.path("token").asText();
    }

    @AfterEach
    void releaseTheDeadlines() {
        scheduler.resume();
    }

    @Test
    void passesTheOldTokenUntilTheGracePeriodEnds() {
        clock.set(GRACE_ENDS_AT.minusSeconds(1));

        assertThat(api.check(oldSecret).getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(api.check(newSecret).getStatusCode()).isEqualTo(HttpStatus.OK);
    }

    @Test
    void refusesTheOldTokenFromTheGraceEndThoughItsRevocationIsNotRecordedYet() {
        clock.set(GRACE_ENDS_AT.minusMillis(1));
        assertThat(api.check(oldSecret).getStatusCode())
                .as("just before the grace end, which also puts the credential in the cache")
                .isEqualTo(HttpStatus.OK);

        clock.set(GRACE_ENDS_AT);

        assertProblem(api.check(oldSecret), HttpStatus.UNAUTHORIZED, "token-revoked");
        assertThat(api.check(newSecret).getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(statusRecordedFor(oldId))
                .as("the expiry process has not revoked the token")
                .isEqualTo("active");
    }

    @Test
    void answersTheOldTokenAsNotActiveOnceTheGracePeriodEnded() {
        clock.set(GRACE_ENDS_AT.plusSeconds(1));

        assertProblem(api.revoke(admin.secret(), oldId, null), HttpStatus.CONFLICT, "token-not-active");
        assertProblem(api.check(oldSecret), HttpStatus.UNAUTHORIZED, "token-revoked");
    }

    @Test
    void recordsTheRefusedUseOfTheOldTokenForTheAuditTrail() {
        clock.set(GRACE_ENDS_AT.plusSeconds(5));

        assertProblem(api.check(oldSecret), HttpStatus.UNAUTHORIZED, "token-revoked");

        await().atMost(Duration.ofSeconds(10)).until(() -> refusedUsesRecordedFor(oldId) == 1);
    }

    @Test
    void backfillsTheGraceEndOfATokenRotatedBeforeTheCredentialKeptIt() throws Exception {
        jdbc.sql("UPDATE token_credential SET grace_ends_at = NULL WHERE token_id = ?")
                .param(UUID.fromString(oldId))
                .update();
        String backfill = new ClassPathResource("db/command/V2_6__token_credential_grace_end_backfill.sql")
                .getContentAsString(StandardCharsets.UTF_8);

        jdbc.sql(backfill).update();

        assertThat(jdbc.sql("SELECT grace_ends_at FROM token_credential WHERE token_id = ?")
                        .param(UUID.fromString(oldId))
                        .query(OffsetDateTime.class)
                        .single()
                        .toInstant())
                .isEqualTo(GRACE_ENDS_AT);
    }

    private String statusRecordedFor(String tokenId) {
        return jdbc.sql("SELECT status FROM token_credential WHERE token_id = ?")
                .param(UUID.fromString(tokenId))
                .query(String.class)
                .single();
    }

    private long refusedUsesRecordedFor(String tokenId) {
        return jdbc.sql("SELECT count(*) FROM domainevententry WHERE aggregateidentifier = ? AND payloadtype = ?")
                .param(tokenId)
                .param(TokenRefusedUseRecordedEvent.class.getName())
                .query(Long.class)
                .single();
    }
}
