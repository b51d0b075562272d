package com.versionforge.token.query.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.versionforge.token.api.Scope;
import com.versionforge.token.api.TenantId;
import com.versionforge.token.api.TokenExpiryWarningIssuedEvent;
import com.versionforge.token.api.TokenId;
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
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Rotations and expiry warnings are lifecycle changes like any other, each one entry of the trail. */
@QuerySideIntegrationTest
class AuditRotationAndWarningIT {

    private static final TenantId TENANT = new TenantId("rotating-audit-co");
    private static final TokenId ADMIN_TOKEN = new TokenId(UUID.fromString("00000000-0000-4000-8000-0000000b0001"));
    private static final TokenId WAREHOUSE = new TokenId(UUID.fromString("bd100000-0000-4000-8000-000000000001"));
    private static final TokenId SUCCESSOR = new TokenId(UUID.fromString("bd100000-0000-4000-8000-000000000002"));
    private static final Instant T0 = MutableClock.DEFAULT_NOW.minus(Duration.ofDays(20));

    @Autowired
    private TokenHistory history;

    @Autowired
    private StubCommandSide commandSide;

    @Autowired
    private QuerySideClient client;

    @Test
    void recordsTheWarningAndTheRotationWithTheirDetails() {
        String admin = commandSide.pass("rotating-audit-admin", TENANT, ADMIN_TOKEN, Scope.ADMIN);
        Instant expiresAt = T0.plus(Duration.ofDays(16));
        history.create(
                TokenHistory.created(WAREHOUSE, TENANT, "Warehouse sync", Scope.SYNC_TRIGGER, T0, expiresAt),
                "user:alice");
        history.append(
                WAREHOUSE,
                new TokenExpiryWarningIssuedEvent(WAREHOUSE, TENANT, "14d", T0.plus(Duration.ofDays(2)), expiresAt),
                "system");
        history.rotate(WAREHOUSE, TENANT, SUCCESSOR, T0.plus(Duration.ofDays(3)), "user:bob");
        history.awaitAudit();

        HttpResponse<String> response = client.get("/api/v1/audit-events?tokenId=" + WAREHOUSE, admin);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        List<JsonNode> entries = new ArrayList<>();
        client.json(response).get("items").forEach(entries::add);
        assertThat(entries)
                .extracting(entry -> entry.get("type").asText())
                .containsExactly("token-created", "token-expiry-warning-issued", "token-rotated");
        JsonNode warning = entries.get(1);
        assertThat(warning.get("actor").asText()).isEqualTo("system");
        assertThat(warning.get("details").get("threshold").asText()).isEqualTo("14d");
        JsonNode rotated = entries.get(2);
        assertThat(rotated.get("actor").asText()).isEqualTo("user:bob");
        assertThat(rotated.get("tokenName").asText()).isEqualTo("Warehouse sync");
        assertThat(rotated.get("details").get("successorId").asText()).isEqualTo(SUCCESSOR.toString());
        assertThat(Instant.parse(rotated.get("occurredAt").asText())).isEqualTo(T0.plus(Duration.ofDays(3)));
    }
}
