package com.versionforge.token.query.compliance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.versionforge.token.api.Scope;
import com.versionforge.token.api.TenantId;
import com.versionforge.token.api.TokenId;
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

/**
 * A rotated token whose grace period has ended is refused by the auth check from that instant on, so the report counts
 * it revoked then, even before its revocation is recorded; a grace end after the expiry leaves it to expire.
 */
@QuerySideIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ComplianceGraceEndIT {

    private static final TenantId TENANT = new TenantId("compliance-grace-co");
    private static final TokenId ADMIN_TOKEN = new TokenId(UUID.fromString("00000000-0000-4000-8000-0000000f0101"));
    private static final TokenId OLD = new TokenId(UUID.fromString("00000000-0000-4000-8000-0000000f0102"));
    private static final TokenId NEW = new TokenId(UUID.fromString("00000000-0000-4000-8000-0000000f0103"));
    private static final TokenId LATE_GRACE = new TokenId(UUID.fromString("00000000-0000-4000-8000-0000000f0104"));
    private static final TokenId LATE_SUCCESSOR = new TokenId(UUID.fromString("00000000-0000-4000-8000-0000000f0105"));
    private static final Instant NOW = MutableClock.DEFAULT_NOW;
    private static final Instant GRACE_END = NOW.plus(Duration.ofHours(1));

    @Autowired
    private TokenHistory history;

    @Autowired
    private StubCommandSide commandSide;

    @Autowired
    private QuerySideClient client;

    private String admin;

    @BeforeAll
    void givenTwoRotationsWhoseRevocationsAreNotRecorded() {
        admin = commandSide.pass("compliance-grace-admin", TENANT, ADMIN_TOKEN, Scope.ADMIN);
        Instant created = NOW.minus(Duration.ofDays(1));
        create(OLD, "Rotated", created, NOW.plus(Duration.ofDays(30)));
        create(NEW, "Rotated", NOW, NOW.plus(Duration.ofDays(60)));
        history.rotate(OLD, TENANT, NEW, NOW, GRACE_END, "user:alice");
        create(LATE_GRACE, "Grace past expiry", created, GRACE_END.minus(Duration.ofMinutes(30)));
        create(LATE_SUCCESSOR, "Grace past expiry", NOW, NOW.plus(Duration.ofDays(60)));
        history.rotate(LATE_GRACE, TENANT, LATE_SUCCESSOR, NOW, GRACE_END, "user:alice");
        history.awaitAudit();
    }

    @Test
    void countsTheOldTokenActiveUntilItsGraceEnds() {
        JsonNode report = report(GRACE_END.minusSeconds(1));

        assertThat(report.get("counts").get("read-only").get("active").asLong()).isEqualTo(3);
        assertThat(report.get("revokedInPeriod")).isEmpty();
    }

    @Test
    void countsTheOldTokenRevokedAtItsGraceEnd() {
        JsonNode report = report(GRACE_END);

        JsonNode counts = report.get("counts").get("read-only");
        assertThat(counts.get("active").asLong()).isEqualTo(2);
        assertThat(counts.get("revoked").asLong()).isEqualTo(1);
        assertThat(counts.get("expired").asLong()).isEqualTo(1);
        assertThat(report.get("revokedInPeriod")).hasSize(1);
        JsonNode revoked = report.get("revokedInPeriod").get(0);
        assertThat(revoked.get("id").asText()).isEqualTo(OLD.toString());
        assertThat(Instant.parse(revoked.get("revokedAt").asText())).isEqualTo(GRACE_END);
    }

    private void create(TokenId tokenId, String name, Instant createdAt, Instant expiresAt) {
        history.create(
                TokenHistory.created(tokenId, TENANT, name, Scope.READ_ONLY, createdAt, expiresAt), "user:alice");
    }

    private JsonNode report(Instant asOf) {
        HttpResponse<String> response = client.get("/api/v1/compliance/report?asOf=" + asOf, admin);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return client.json(response);
    }
}
