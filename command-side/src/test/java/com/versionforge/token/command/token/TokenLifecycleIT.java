package com.versionforge.token.command.token;

import static com.versionforge.token.command.support.CommandSideTestConfiguration.START;
import static com.versionforge.token.command.support.TokenApi.assertProblem;
import static com.versionforge.token.command.support.TokenApi.createBody;
import static com.versionforge.token.command.support.TokenApi.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.versionforge.token.api.Scope;
import com.versionforge.token.api.TokenRefusedUseRecordedEvent;
import com.versionforge.token.command.support.RowCounts;
import com.versionforge.token.command.support.RunningCommandSide;
import com.versionforge.token.command.support.TokenIssuer.IssuedToken;
import com.versionforge.token.command.usage.RefusedUseRecorder;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/** A token's life over HTTP: created, used, revoked or expired, and who may create one. */
class TokenLifecycleIT extends RunningCommandSide {

    private static final String TENANT = "acme";
    private static final String SECRET_FORM = "vf_tok_[0-9A-Za-z]{49}";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    private RefusedUseRecorder refusedUses;

    private IssuedToken admin;

    @BeforeEach
    void issueAdmin() {
        admin = issuer.issue(TENANT, Scope.ADMIN);
    }

    @Test
    void createsTokenThatPassesTheCheckWithItsIdentity() {
        ResponseEntity<String> created =
                api.create(admin.secret(), createBody("CI/CD Pipeline - Production", "sync-trigger", "90d"));

        assertThat(created.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        JsonNode token = json(created);
        String id = token.path("id").asText();
        String secret = token.path("token").asText();
        assertThat(created.getHeaders().getLocation()).hasToString("/api/v1/tokens/" + id);
        assertThat(created.getHeaders().getCacheControl()).isEqualTo("no-store");
        assertThat(secret).matches(SECRET_FORM);
        assertThat(token.path("tokenHint").asText()).isEqualTo(secret.substring(secret.length() - 4));
        assertThat(token.path("name").asText()).isEqualTo("CI/CD Pipeline - Production");
        assertThat(token.path("scope").asText()).isEqualTo("sync-trigger");
        assertThat(token.path("status").asText()).isEqualTo("active");
        assertThat(token.path("createdBy").asText()).isEqualTo("token:" + admin.id());
        assertThat(Instant.parse(token.path("createdAt").asText())).isEqualTo(START);
        assertThat(Instant.parse(token.path("expiresAt").asText())).isEqualTo(START.plus(Duration.ofDays(90)));

        ResponseEntity<String> check = api.check(secret);

        assertThat(check.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(check.getHeaders().getFirst("X-VF-Token-Id")).isEqualTo(id);
        assertThat(check.getHeaders().getFirst("X-VF-Tenant-Id")).isEqualTo(TENANT);
        assertThat(check.getHeaders().getFirst("X-VF-Token-Scope")).isEqualTo("sync-trigger");
    }

    @Test
    void refusesRevokedTokenAsSoonAsTheRevokeHasReturned() {
        JsonNode token = json(api.create(admin.secret(), createBody("Datadog Monitor", "read-only", "30d")));
        String secret = token.path("token").asText();
        assertThat(api.check(secret).getStatusCode()).isEqualTo(HttpStatus.OK);

        ResponseEntity<String> revoked =
                api.revoke(admin.secret(), token.path("id").asText(), "{\"reason\": \"leaked in a build log\"}");

        assertThat(revoked.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(json(revoked).path("status").asText()).isEqualTo("revoked");
        assertThat(json(revoked).path("revokedBy").asText()).isEqualTo("token:" + admin.id());
        assertThat(Instant.parse(json(revoked).path("revokedAt").asText())).isEqualTo(START);
        ResponseEntity<String> check = api.check(secret);
        assertProblem(check, HttpStatus.UNAUTHORIZED, "token-revoked");
        assertThat(check.getHeaders().getFirst(HttpHeaders.WWW_AUTHENTICATE)).startsWith("Bearer");
    }

    @Test
    void refusesTokenFromItsExpiryInstantBeforeAnyExpiryJobRan() {
        JsonNode token = json(api.create(admin.secret(), createBody("Nightly export", "read-only", "30d")));
        String secret = token.path("token").asText();
        Instant expiresAt = Instant.parse(token.path("expiresAt").asText());

        clock.set(expiresAt.minusSeconds(1));
        assertThat(api.check(secret).getStatusCode()).isEqualTo(HttpStatus.OK);

        clock.set(expiresAt);
        assertProblem(api.check(secret), HttpStatus.UNAUTHORIZED, "token-expired");
        assertThat(storedStatusOf(token.path("id").asText())).isEqualTo("active");
    }

    @Test
    void refusesCreateByReadOnlyToken() {
        IssuedToken readOnly = issuer.issue(TENANT, Scope.READ_ONLY);
        RowCounts before = RowCounts.in(jdbc);

        ResponseEntity<String> response = api.create(readOnly.secret(), createBody("Sneaky", "read-only", "30d"));

        JsonNode problem = assertProblem(response, HttpStatus.FORBIDDEN, "insufficient-scope");
        assertThat(problem.path("requiredScope").asText()).isEqualTo("admin");
        assertThat(RowCounts.in(jdbc)).isEqualTo(before);
    }

    @Test
    void refusesCreateBySyncTriggerTokenEvenForItsOwnScope() {
        IssuedToken syncTrigger = issuer.issue(TENANT, Scope.SYNC_TRIGGER);
        RowCounts before = RowCounts.in(jdbc);

        ResponseEntity<String> response =
                api.create(syncTrigger.secret(), createBody("Pipeline copy", "sync-trigger", "30d"));

        JsonNode problem = assertProblem(response, HttpStatus.FORBIDDEN, "insufficient-scope");
        assertThat(problem.path("requiredScope").asText()).isEqualTo("admin");
        assertThat(RowCounts.in(jdbc)).isEqualTo(before);
    }

    @Test
    void refusesCreateByRevokedAdminToken() {
        IssuedToken revokedAdmin = issuer.issue(TENANT, Scope.ADMIN);
        api.revoke(admin.secret(), revokedAdmin.id().toString(), null);
        RowCounts before = RowCounts.in(jdbc);

        ResponseEntity<String> response =
                api.create(revokedAdmin.secret(), createBody("After the fact", "read-only", "30d"));

        assertProblem(response, HttpStatus.UNAUTHORIZED, "token-revoked");
        assertThat(RowCounts.in(jdbc)).isEqualTo(before);
    }

    @Test
    void recordsRevokedTokenThatIsStillPresentedCoalescedPerWindow() {
        IssuedToken deadToken = issuer.issue(TENANT, Scope.READ_ONLY);
        api.revoke(admin.secret(), deadToken.id().toString(), null);

        api.check(deadToken.secret());
        await().atMost(Duration.ofSeconds(10))
                .until(() -> refusedUseEvents(deadToken).size() == 1);
        api.check(deadToken.secret());
        api.check(deadToken.secret());
        refusedUses.flushWindow();

        await().atMost(Duration.ofSeconds(10))
                .until(() -> refusedUseEvents(deadToken).size() == 2);
        List<JsonNode> events = refusedUseEvents(deadToken);
        assertThat(events.get(0).path("count").asLong()).isEqualTo(1);
        assertThat(events.get(1).path("count").asLong()).isEqualTo(2);
        assertThat(events).allSatisfy(event -> {
            assertThat(event.path("status").asText()).isEqualTo("REVOKED");
            assertThat(Instant.parse(event.path("lastRefusedAt").asText())).isEqualTo(START);
        });
    }

    private List<JsonNode> refusedUseEvents(IssuedToken token) {
        return jdbc
                .sql("""
                        SELECT convert_from(payload, 'UTF8') FROM domainevententry
                        WHERE aggregateidentifier = ? AND payloadtype = ? ORDER BY sequencenumber""")
                .param(token.id().toString())
                .param(TokenRefusedUseRecordedEvent.class.getName())
                .query(String.class)
                .list()
                .stream()
                .map(TokenLifecycleIT::parse)
                .toList();
    }

    private static JsonNode parse(String payload) {
        try {
            return JSON.readTree(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private String storedStatusOf(String tokenId) {
        return jdbc.sql("SELECT status FROM token_credential WHERE token_id = ?::uuid")
                .param(tokenId)
                .query(String.class)
                .single();
    }
}
