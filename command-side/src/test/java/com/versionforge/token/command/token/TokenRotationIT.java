package com.versionforge.token.command.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.versionforge.token.api.Scope;
import com.versionforge.token.api.TenantId;
import com.versionforge.token.command.support.AdminTokens;
import com.versionforge.token.command.support.ApiClient;
import com.versionforge.token.command.support.ApiClient.Answer;
import com.versionforge.token.command.support.FreePorts;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Rotation over HTTP: no downtime while both tokens work, the name moves on, and the grace period ends on time. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class TokenRotationIT {

    private static final int DB_PORT = FreePorts.next();

    @TempDir
    static Path dataDir;

    @LocalServerPort
    int port;

    @Autowired
    TokenCommands commands;

    @Autowired
    JdbcClient jdbc;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add(
                "vf.embedded-postgres.data-dir",
                () -> dataDir.resolve("postgres").toString());
        registry.add("vf.embedded-postgres.port", () -> DB_PORT);
        registry.add("db-scheduler.polling-interval", () -> "250ms");
    }

    @Test
    void keepsBothTokensWorkingUntilTheGracePeriodEndsThenRevokesTheOldOne() {
        ApiClient api = new ApiClient(port);
        String admin = admin("rotate-grace");
        Answer created = api.post(
                "/api/v1/tokens",
                admin,
                "{\"name\": \"Deploy bot\", \"scope\": \"sync-trigger\", \"expiresIn\": \"90d\"}");
        String oldId = created.body().path("id").asText();
        String oldToken = created.body().path("token").asText();

        Answer rotated = api.post(
                "/api/v1/tokens/" + oldId + "/rotate", admin, "{\"expiresIn\": \"30d\", \"gracePeriod\": \"PT3S\"}");

        assertThat(rotated.status()).isEqualTo(201);
        String newId = rotated.body().path("id").asText();
        String newToken = rotated.body().path("token").asText();
        assertThat(rotated.header("Location")).isEqualTo("/api/v1/tokens/" + newId);
        assertThat(rotated.header("Cache-Control")).contains("no-store");
        assertThat(rotated.body().path("rotatedFrom").asText()).isEqualTo(oldId);
        assertThat(rotated.body().path("name").asText()).isEqualTo("Deploy bot");
        assertThat(rotated.body().path("scope").asText()).isEqualTo("sync-trigger");
        assertThat(rotated.body().path("status").asText()).isEqualTo("active");
        assertThat(Instant.parse(rotated.body().path("expiresAt").asText()))
                .isBetween(
                        Instant.now().plus(Duration.ofDays(30)).minusSeconds(60),
                        Instant.now().plus(Duration.ofDays(30)));
        assertThat(newToken.equals(oldToken)).isFalse();
        assertThat(api.check(oldToken))
                .as("the old token during the grace period")
                .isEqualTo(200);
        assertThat(api.check(newToken)).as("the new token").isEqualTo(200);
        assertThat(api.post(
                                "/api/v1/tokens",
                                admin,
                                "{\"name\": \"deploy BOT\", \"scope\": \"read-only\", \"expiresIn\": \"30d\"}")
                        .code())
                .as("the name belongs to the successor now")
                .isEqualTo("name-taken");
        assertThat(api.post("/api/v1/tokens/" + oldId + "/rotate", admin, "{\"expiresIn\": \"30d\"}")
                        .code())
                .isEqualTo("token-already-rotated");

        await().atMost(Duration.ofSeconds(15)).until(() -> api.check(oldToken) == 401);
        assertThat(api.get("/api/v1/auth/check", oldToken).code()).isEqualTo("token-revoked");
        assertThat(api.check(newToken)).isEqualTo(200);
        // The check refuses by the clock from the grace end on; the expiry process records the revocation on its own.
        Map<String, Object> revocation = await().atMost(Duration.ofSeconds(15))
                .until(
                        () -> jdbc.sql("SELECT revoke_reason, revoked_by, rotated_to FROM token_credential"
                                        + " WHERE token_id = ?")
                                .param(UUID.fromString(oldId))
                                .query()
                                .singleRow(),
                        row -> row.get("revoke_reason") != null);
        assertThat(revocation).containsEntry("revoke_reason", "rotated").containsEntry("revoked_by", "system");
        assertThat(revocation.get("rotated_to")).hasToString(newId);
    }

    @Test
    void keepsTheOldTokenWithoutAGracePeriodUntilItIsRevoked() {
        ApiClient api = new ApiClient(port);
        String admin = admin("rotate-keep");
        Answer created = api.post(
                "/api/v1/tokens",
                admin,
                "{\"name\": \"Datadog Monitor\", \"scope\": \"read-only\", \"expiresIn\": \"30d\"}");
        String oldId = created.body().path("id").asText();
        String oldToken = created.body().path("token").asText();

        Answer rotated = api.post("/api/v1/tokens/" + oldId + "/rotate", admin, "{\"expiresIn\": \"90d\"}");
        Answer rotatedAgain = api.post(
                "/api/v1/tokens/" + rotated.body().path("id").asText() + "/rotate", admin, "{\"expiresIn\": \"1y\"}");

        assertThat(rotated.status()).isEqualTo(201);
        assertThat(rotatedAgain.status())
                .as("a successor can be rotated in turn")
                .isEqualTo(201);
        assertThat(rotatedAgain.body().path("rotatedFrom").asText())
                .isEqualTo(rotated.body().path("id").asText());
        assertThat(api.check(oldToken)).isEqualTo(200);
        Answer revoked = api.post("/api/v1/tokens/" + oldId + "/revoke", admin, "{\"reason\": \"switched\"}");
        assertThat(revoked.body().path("status").asText()).isEqualTo("revoked");
        assertThat(api.check(oldToken)).isEqualTo(401);
    }

    @Test
    void leavesTheTokenUnrotatedWhenItsSuccessorIsRefused() {
        ApiClient api = new ApiClient(port);
        String admin = admin("rotate-atomic");
        String id = api.post(
                        "/api/v1/tokens",
                        admin,
                        "{\"name\": \"Warehouse loader\", \"scope\": \"sync-trigger\", \"expiresIn\": \"30d\"}")
                .body()
                .path("id")
                .asText();
        String tooLate = Instant.now().plus(Duration.ofDays(400)).toString();

        Answer refused = api.post(
                "/api/v1/tokens/" + id + "/rotate",
                admin,
                "{\"expiresAt\": \"" + tooLate + "\", \"gracePeriod\": \"PT1S\"}");

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.code()).isEqualTo("expiry-invalid");
        assertThat(jdbc.sql("SELECT count(*) FROM domainevententry WHERE aggregateidentifier = ?")
                        .param(id)
                        .query(Long.class)
                        .single())
                .as("no TokenRotatedEvent was kept")
                .isEqualTo(1);
        assertThat(api.post("/api/v1/tokens/" + id + "/rotate", admin, "{\"expiresIn\": \"30d\"}")
                        .status())
                .isEqualTo(201);
    }

    @Test
    void refusesBadRotationsWithProblemCodes() {
        ApiClient api = new ApiClient(port);
        String admin = admin("rotate-refusals");
        String reader = AdminTokens.issue(
                commands,
                new TenantId("rotate-refusals"),
                Scope.READ_ONLY,
                Instant.now().plus(Duration.ofDays(30)));
        String otherAdmin = admin("rotate-other-tenant");
        String id = api.post(
                        "/api/v1/tokens",
                        admin,
                        "{\"name\": \"Refusals\", \"scope\": \"read-only\", \"expiresIn\": \"30d\"}")
                .body()
                .path("id")
                .asText();
        String rotate = "/api/v1/tokens/" + id + "/rotate";

        assertThat(api.post(rotate, admin, "{\"expiresIn\": \"30d\", \"gracePeriod\": \"P31D\"}")
                        .code())
                .isEqualTo("grace-period-invalid");
        assertThat(api.post(rotate, admin, "{\"expiresIn\": \"30d\", \"gracePeriod\": \"PT0S\"}")
                        .code())
                .isEqualTo("grace-period-invalid");
        assertThat(api.post(rotate, admin, "{\"expiresIn\": \"30d\", \"gracePeriod\": \"-PT1H\"}")
                        .code())
                .isEqualTo("grace-period-invalid");
        assertThat(api.post(rotate, admin, "{\"expiresIn\": \"30d\", \"gracePeriod\": \"tomorrow\"}")
                        .code())
                .isEqualTo("grace-period-invalid");
        assertThat(api.post(rotate, admin, "{\"gracePeriod\": \"P1D\"}").code()).isEqualTo("expiry-required");
        assertThat(api.post(rotate, admin, "{\"expiresIn\": \"7d\"}").code()).isEqualTo("expiry-invalid");
        assertThat(api.post(rotate, admin, "").status()).isEqualTo(400);
        assertThat(api.post(rotate, reader, "{\"expiresIn\": \"30d\"}").code()).isEqualTo("insufficient-scope");
        assertThat(api.post(rotate, otherAdmin, "{\"expiresIn\": \"30d\"}").code())
                .isEqualTo("token-not-found");
        assertThat(api.post("/api/v1/tokens/" + UUID.randomUUID() + "/rotate", admin, "{\"expiresIn\": \"30d\"}")
                        .code())
                .isEqualTo("token-not-found");
        assertThat(api.post("/api/v1/tokens/not-a-uuid/rotate", admin, "{\"expiresIn\": \"30d\"}")
                        .code())
                .isEqualTo("token-not-found");
        api.post("/api/v1/tokens/" + id + "/revoke", admin, "{}");
        assertThat(api.post(rotate, admin, "{\"expiresIn\": \"30d\"}").code()).isEqualTo("token-not-active");
    }

    private String admin(String tenant) {
        return AdminTokens.issue(
                commands, new TenantId(tenant), Scope.ADMIN, Instant.now().plus(Duration.ofDays(30)));
    }
}
