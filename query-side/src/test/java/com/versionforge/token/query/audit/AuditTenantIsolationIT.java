package com.versionforge.token.query.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.versionforge.token.api.Scope;
import com.versionforge.token.api.TenantId;
import com.versionforge.token.api.TokenId;
import com.versionforge.token.api.TokenStatus;
import com.versionforge.token.query.testing.MutableClock;
import com.versionforge.token.query.testing.QuerySideClient;
import com.versionforge.token.query.testing.QuerySideIntegrationTest;
import com.versionforge.token.query.testing.StubCommandSide;
import com.versionforge.token.query.testing.TokenHistory;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;

/** Nothing of one tenant's audit trail or compliance report is visible to an admin of another. */
@QuerySideIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuditTenantIsolationIT {

    private static final TenantId TENANT_A = new TenantId("isolated-a");
    private static final TenantId TENANT_B = new TenantId("isolated-b");
    private static final TokenId ADMIN_A = new TokenId(UUID.fromString("00000000-0000-4000-8000-0000000e0001"));
    private static final TokenId ADMIN_B = new TokenId(UUID.fromString("00000000-0000-4000-8000-0000000e0002"));
    private static final TokenId SECRET_OF_A = new TokenId(UUID.fromString("ad300000-0000-4000-8000-000000000001"));
    private static final TokenId TOKEN_OF_B = new TokenId(UUID.fromString("ad300000-0000-4000-8000-000000000002"));
    private static final Instant NOW = MutableClock.DEFAULT_NOW;

    @Autowired
    private TokenHistory history;

    @Autowired
    private StubCommandSide commandSide;

    @Autowired
    private QuerySideClient client;

    private String adminOfA;
    private String adminOfB;

    @BeforeAll
    void givenTwoTenants() {
        adminOfA = commandSide.pass("isolation-admin-a", TENANT_A, ADMIN_A, Scope.ADMIN);
        adminOfB = commandSide.pass("isolation-admin-b", TENANT_B, ADMIN_B, Scope.ADMIN);
        history.create(
                TokenHistory.created(
                        SECRET_OF_A,
                        TENANT_A,
                        "A's admin key",
                        Scope.ADMIN,
                        NOW.minus(Duration.ofDays(100)),
                        NOW.plus(Duration.ofDays(5))),
                "user:a");
        history.use(SECRET_OF_A, TENANT_A, 1, NOW.minus(Duration.ofDays(40)), "192.0.2.10");
        history.revoke(SECRET_OF_A, TENANT_A, "a", NOW.minus(Duration.ofDays(2)), "user:a");
        history.refusedUse(SECRET_OF_A, TENANT_A, TokenStatus.REVOKED, 2, NOW.minus(Duration.ofDays(1)), "192.0.2.11");
        history.create(
                TokenHistory.created(
                        TOKEN_OF_B,
                        TENANT_B,
                        "B's reader",
                        Scope.READ_ONLY,
                        NOW.minus(Duration.ofDays(1)),
                        NOW.plus(Duration.ofDays(30))),
                "user:b");
        history.awaitAudit();
    }

    @Test
    void showsOnlyTheCallersOwnEntries() {
        JsonNode page = json(client.get("/api/v1/audit-events?limit=200", adminOfB));

        assertThat(page.get("items")).hasSize(1);
        assertThat(page.get("items").get(0).get("tokenId").asText()).isEqualTo(TOKEN_OF_B.toString());
    }

    @Test
    void showsNothingForAnotherTenantsTokenId() {
        JsonNode page = json(client.get("/api/v1/audit-events?tokenId=" + SECRET_OF_A, adminOfB));

        assertThat(page.get("items")).isEmpty();
    }

    @Test
    void exportsOnlyTheCallersOwnEntries() {
        HttpResponse<String> response = client.get("/api/v1/audit-events", adminOfB, "Accept", "text/csv");

        assertThat(response.body()).contains(TOKEN_OF_B.toString()).doesNotContain(SECRET_OF_A.toString(), "A's");
    }

    @Test
    void keepsEachTenantsCursorWithinTheCallersTenant() {
        String cursorOfA = new AuditCursor(0).encode();

        JsonNode page = json(client.get("/api/v1/audit-events?cursor=" + cursorOfA, adminOfB));

        assertThat(page.toString()).doesNotContain(SECRET_OF_A.toString());
    }

    @Test
    void verifiesEachTenantsChainOnItsOwn() {
        assertThat(json(client.get("/api/v1/audit-events/verify", adminOfA))
                        .get("checked")
                        .asLong())
                .isEqualTo(4);
        assertThat(json(client.get("/api/v1/audit-events/verify", adminOfB))
                        .get("checked")
                        .asLong())
                .isEqualTo(1);
    }

    @Test
    void reportsOnlyTheCallersOwnTokens() {
        HttpResponse<String> json = client.get("/api/v1/compliance/report", adminOfB);
        HttpResponse<String> csv = client.get("/api/v1/compliance/report", adminOfB, "Accept", "text/csv");

        assertThat(json(json).get("total").asLong()).isEqualTo(1);
        assertThat(json.body()).doesNotContain(SECRET_OF_A.toString(), "A's");
        assertThat(csv.body()).contains(TOKEN_OF_B.toString()).doesNotContain(SECRET_OF_A.toString(), "A's");
    }

    @Test
    void reportsTheOtherTenantsTokensToItsOwnAdmin() {
        JsonNode report = json(client.get("/api/v1/compliance/report", adminOfA));

        assertThat(report.get("total").asLong()).isEqualTo(1);
        assertThat(report.get("stillPresented").get(0).get("id").asText()).isEqualTo(SECRET_OF_A.toString());
    }

    private JsonNode json(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return client.json(response);
    }
}
