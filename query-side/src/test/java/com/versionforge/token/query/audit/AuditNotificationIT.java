package com.versionforge.token.query.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.versionforge.token.api.AuditMetadata;
import com.versionforge.token.api.NotificationSettingsChangedEvent;
import com.versionforge.token.api.Scope;
import com.versionforge.token.api.TenantId;
import com.versionforge.token.api.TokenId;
import com.versionforge.token.api.TokenNoticeDeliveredEvent;
import com.versionforge.token.api.TokenNoticeDeliveryFailedEvent;
import com.versionforge.token.query.testing.MutableClock;
import com.versionforge.token.query.testing.QuerySideClient;
import com.versionforge.token.query.testing.QuerySideIntegrationTest;
import com.versionforge.token.query.testing.StubCommandSide;
import com.versionforge.token.query.testing.TokenHistory;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.axonframework.messaging.MetaData;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Notice deliveries, their final failures and notification settings changes are entries of the trail like token
 * events, published as the command side publishes them (through its event gateway, belonging to no aggregate). A
 * settings change is about no token; no entry names an e-mail address.
 */
@QuerySideIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuditNotificationIT {

    private static final TenantId TENANT = new TenantId("notified-co");
    private static final TokenId ADMIN_TOKEN = new TokenId(UUID.fromString("00000000-0000-4000-8000-0000000c0001"));
    private static final TokenId BACKUP = new TokenId(UUID.fromString("ad500000-0000-4000-8000-000000000001"));
    private static final Instant T0 = MutableClock.DEFAULT_NOW.minus(Duration.ofDays(5));
    private static final String ADDRESS = "ops-notified@example.com";

    @Autowired
    private TokenHistory history;

    @Autowired
    private StubCommandSide commandSide;

    @Autowired
    private QuerySideClient client;

    private String admin;

    @BeforeAll
    void givenSettingsAndTheNoticesOfARevocation() {
        admin = commandSide.pass("notified-admin", TENANT, ADMIN_TOKEN, Scope.ADMIN);
        history.publish(
                new NotificationSettingsChangedEvent(
                        TENANT, List.of(ADDRESS, "second@example.com"), "https://hooks.example.com", true, T0),
                TokenHistory.requestMetadata("user:carol", "198.51.100.4", "req-settings-1"));
        history.create(
                TokenHistory.created(
                        BACKUP, TENANT, "Nightly backup", Scope.READ_ONLY, T0, T0.plus(Duration.ofDays(60))),
                "user:carol");
        history.revoke(BACKUP, TENANT, "moved", T0.plus(Duration.ofDays(1)), "user:carol");
        MetaData system = MetaData.with(AuditMetadata.ACTOR, "system");
        history.publish(
                new TokenNoticeDeliveredEvent(
                        BACKUP,
                        TENANT,
                        "token.revoked",
                        "email",
                        null,
                        2,
                        null,
                        1,
                        T0.plus(Duration.ofDays(1)).plusSeconds(2)),
                system);
        history.publish(
                new TokenNoticeDeliveryFailedEvent(
                        BACKUP,
                        TENANT,
                        "token.revoked",
                        "webhook",
                        null,
                        3,
                        "The webhook answered HTTP 500",
                        T0.plus(Duration.ofDays(1)).plusSeconds(90)),
                system);
        history.awaitAudit();
    }

    @Test
    void recordsTheSettingsChangeWithItsActorAndNoAddress() {
        HttpResponse<String> response = client.get("/api/v1/audit-events?type=notification-settings-changed", admin);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.body()).doesNotContain(ADDRESS);
        List<JsonNode> entries = items(response);
        assertThat(entries).hasSize(1);
        JsonNode change = entries.get(0);
        assertThat(change.get("actor").asText()).isEqualTo("user:carol");
        assertThat(change.get("clientIp").asText()).isEqualTo("198.51.100.4");
        assertThat(change.get("requestId").asText()).isEqualTo("req-settings-1");
        assertThat(change.get("tokenId").isNull()).isTrue();
        assertThat(Instant.parse(change.get("occurredAt").asText())).isEqualTo(T0);
        assertThat(change.get("details").get("adminEmailCount").asInt()).isEqualTo(2);
        assertThat(change.get("details").get("webhookOrigin").asText()).isEqualTo("https://hooks.example.com");
        assertThat(change.get("details").get("webhookSecretIssued").asBoolean()).isTrue();
    }

    @Test
    void recordsTheDeliveryAndTheFailureInTheTokensTrail() {
        HttpResponse<String> response = client.get("/api/v1/audit-events?tokenId=" + BACKUP, admin);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        List<JsonNode> entries = items(response);
        assertThat(entries)
                .extracting(entry -> entry.get("type").asText())
                .containsExactly("token-created", "token-revoked", "notification-delivered", "notification-failed");
        JsonNode delivered = entries.get(2);
        assertThat(delivered.get("actor").asText()).isEqualTo("system");
        assertThat(delivered.get("tokenName").asText()).isEqualTo("Nightly backup");
        assertThat(delivered.get("details").get("notice").asText()).isEqualTo("token.revoked");
        assertThat(delivered.get("details").get("channel").asText()).isEqualTo("email");
        assertThat(delivered.get("details").get("recipientCount").asInt()).isEqualTo(2);
        JsonNode failed = entries.get(3);
        assertThat(failed.get("details").get("channel").asText()).isEqualTo("webhook");
        assertThat(failed.get("details").get("attempts").asInt()).isEqualTo(3);
        assertThat(failed.get("details").get("lastError").asText()).isEqualTo("The webhook answered HTTP 500");
        assertThat(Instant.parse(failed.get("occurredAt").asText()))
                .isEqualTo(T0.plus(Duration.ofDays(1)).plusSeconds(90));
    }

    @Test
    void exportsAnEntryAboutNoTokenAsCsvAndKeepsTheChainValid() {
        HttpResponse<String> csv =
                client.get("/api/v1/audit-events?type=notification-settings-changed", admin, "Accept", "text/csv");
        HttpResponse<String> verify = client.get("/api/v1/audit-events/verify", admin);

        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.body().lines()).hasSize(2);
        assertThat(csv.body().lines().skip(1).findFirst().orElseThrow())
                .contains("notification-settings-changed", "user:carol")
                .doesNotContain(ADDRESS);
        assertThat(client.json(verify).get("valid").asBoolean())
                .as(verify.body())
                .isTrue();
        assertThat(client.json(verify).get("checked").asInt()).isEqualTo(5);
    }

    private List<JsonNode> items(HttpResponse<String> response) {
        List<JsonNode> entries = new ArrayList<>();
        client.json(response).get("items").forEach(entries::add);
        return entries;
    }
}
