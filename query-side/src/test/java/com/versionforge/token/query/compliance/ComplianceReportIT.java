package com.versionforge.token.query.compliance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.versionforge.token.api.Scope;
import com.versionforge.token.api.TenantId;
import com.versionforge.token.api.TokenId;
import com.versionforge.token.api.TokenStatus;
import com.versionforge.token.query.testing.MutableClock;
import com.versionforge.token.query.testing.QuerySideClient;
import com.versionforge.token.query.testing.QuerySideIntegrationTest;
import com.versionforge.token.query.testing.StubCommandSide;
import com.versionforge.token.query.testing.TokenHistory;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A tenant's history built event by event around a report instant R, with the service's clock moved to R: the report
 * lists exactly the tokens its definitions name, and a report as of an earlier instant sees only what had happened by
 * then.
 */
@QuerySideIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ComplianceReportIT {

    private static final TenantId TENANT = new TenantId("compliance-co");
    private static final TokenId ADMIN_TOKEN = new TokenId(UUID.fromString("00000000-0000-4000-8000-0000000f0001"));
    /** The report instant: a week after the other tests' clock, so that moving the clock there is a real move. */
    private static final Instant R = MutableClock.DEFAULT_NOW.plus(Duration.ofDays(7));

    @Autowired
    private TokenHistory history;

    @Autowired
    private StubCommandSide commandSide;

    @Autowired
    private QuerySideClient client;

    @Autowired
    private MutableClock clock;

    private String admin;

    @BeforeAll
    void givenAConstructedHistory() {
        admin = commandSide.pass("compliance-admin", TENANT, ADMIN_TOKEN, Scope.ADMIN);
        token("Expiring", Scope.READ_ONLY, days(-20), days(10));
        history.use(id("Expiring"), TENANT, 3, R.minus(days(1)), "198.51.100.1");
        token("Unused", Scope.SYNC_TRIGGER, days(-60), days(100));
        history.use(id("Unused"), TENANT, 1, R.minus(days(45)), "198.51.100.2");
        token("Never used", Scope.READ_ONLY, days(-5), days(60));
        token("Old admin", Scope.ADMIN, days(-120), days(200));
        history.use(id("Old admin"), TENANT, 9, R.minus(Duration.ofHours(2)), "198.51.100.3");
        token("Revoked recently", Scope.READ_ONLY, days(-50), days(100));
        history.revoke(id("Revoked recently"), TENANT, "leaked", R.minus(days(10)), "user:bob");
        history.refusedUse(id("Revoked recently"), TENANT, TokenStatus.REVOKED, 4, R.minus(days(1)), "203.0.113.66");
        token("Revoked long ago", Scope.READ_ONLY, days(-200), days(100));
        history.revoke(id("Revoked long ago"), TENANT, null, R.minus(days(100)), "user:bob");
        token("Expired", Scope.READ_ONLY, days(-40), days(-3));
        history.expire(id("Expired"), TENANT, R.minus(days(3)));
        history.refusedUse(id("Expired"), TENANT, TokenStatus.EXPIRED, 2, R.minus(days(2)), "203.0.113.77");
        // Past its expiry instant, but the expiry event has not come (yet): expired all the same.
        token("Expired by the clock", Scope.READ_ONLY, days(-30), R.minus(Duration.ofHours(1)));
        token("Created after R", Scope.ADMIN, days(1), days(30));
        history.awaitAudit();
    }

    @AfterEach
    void putTheClockBack() {
        clock.setInstant(MutableClock.DEFAULT_NOW);
    }

    @Test
    void listsWhatAnAuditorWouldFlagAtTheClocksNow() {
        clock.setInstant(R);

        JsonNode report = report("");

        assertThat(Instant.parse(report.get("asOf").asText())).isEqualTo(R);
        assertThat(report.get("total").asLong()).isEqualTo(8);
        assertThat(names(report, "expiringSoon")).containsExactly("Expiring");
        assertThat(names(report, "unused")).containsExactly("Unused");
        assertThat(names(report, "neverUsed")).containsExactly("Never used");
        assertThat(names(report, "adminScoped")).containsExactly("Old admin");
        assertThat(names(report, "olderThanRotation")).containsExactly("Old admin");
        assertThat(names(report, "revokedInPeriod")).containsExactly("Revoked recently");
        assertThat(names(report, "stillPresented")).containsExactly("Revoked recently", "Expired");
        JsonNode presented = report.get("stillPresented").get(0);
        assertThat(presented.get("refusedCount").asLong()).isEqualTo(4);
        assertThat(presented.get("lastClientIp").asText()).isEqualTo("203.0.113.66");
        assertThat(presented.get("refusedAs").asText()).isEqualTo("revoked");
        assertThat(presented.get("revokedBy").asText()).isEqualTo("user:bob");
        assertThat(report.get("stillPresented").get(1).get("refusedAs").asText())
                .isEqualTo("expired");
    }

    @Test
    void countsTokensByScopeAndStatus() {
        clock.setInstant(R);

        JsonNode counts = report("").get("counts");

        assertThat(counts.get("read-only").get("active").asLong()).isEqualTo(2);
        assertThat(counts.get("read-only").get("revoked").asLong()).isEqualTo(2);
        assertThat(counts.get("read-only").get("expired").asLong()).isEqualTo(2);
        assertThat(counts.get("sync-trigger").get("active").asLong()).isEqualTo(1);
        assertThat(counts.get("admin").get("active").asLong()).isEqualTo(1);
        assertThat(counts.get("admin").get("revoked").asLong()).isZero();
    }

    @Test
    void seesOnlyWhatHadHappenedByAnEarlierAsOf() {
        clock.setInstant(R);

        JsonNode report = report("asOf=" + R.minus(days(30)));

        assertThat(report.get("total").asLong()).isEqualTo(6);
        // Old admin's only use came later; Revoked recently was revoked later and refused later still.
        assertThat(names(report, "neverUsed"))
                .containsExactly("Old admin", "Revoked recently", "Expired", "Expired by the clock");
        assertThat(names(report, "unused")).isEmpty();
        // Exactly 90 days old at that instant: not older than the rotation policy.
        assertThat(names(report, "olderThanRotation")).isEmpty();
        assertThat(names(report, "revokedInPeriod")).isEmpty();
        assertThat(names(report, "stillPresented")).isEmpty();
        assertThat(names(report, "expiringSoon")).isEmpty();
    }

    @Test
    void appliesTheThresholdsAndThePeriodItIsGiven() {
        clock.setInstant(R);

        JsonNode report = report(
                "unusedDays=1&rotationDays=50&periodFrom=" + R.minus(days(200)) + "&periodTo=" + R.minus(days(50)));

        assertThat(names(report, "unused")).containsExactly("Unused", "Expiring");
        assertThat(names(report, "olderThanRotation")).containsExactly("Old admin", "Unused");
        assertThat(names(report, "revokedInPeriod")).containsExactly("Revoked long ago");
        assertThat(names(report, "stillPresented")).isEmpty();
    }

    @Test
    void exportsTheSameReportAsCsv() throws IOException {
        clock.setInstant(R);

        HttpResponse<String> response = client.get("/api/v1/compliance/report", admin, "Accept", "text/csv");

        assertThat(response.statusCode()).isEqualTo(200);
        List<List<String>> rows = new ArrayList<>();
        CsvMapper csv = new CsvMapper().enable(CsvParser.Feature.WRAP_AS_ARRAY);
        try (MappingIterator<List<String>> lines =
                csv.readerForListOf(String.class).readValues(response.body().substring(1))) {
            lines.forEachRemaining(rows::add);
        }
        assertThat(rows.get(0)).startsWith("section", "tokenId", "tokenName", "scope", "status", "count");
        assertThat(rows)
                .filteredOn(row -> row.get(0).equals("count"))
                .hasSize(9)
                .anySatisfy(row -> assertThat(row.subList(3, 6)).containsExactly("read-only", "revoked", "2"));
        assertThat(rows)
                .filteredOn(row -> row.get(0).equals("stillPresented"))
                .extracting(row -> row.get(2) + "@" + row.get(13))
                .containsExactly("Revoked recently@203.0.113.66", "Expired@203.0.113.77");
        assertThat(rows)
                .filteredOn(row -> row.get(0).equals("unused"))
                .extracting(row -> row.get(2))
                .containsExactly("Unused");
    }

    private void token(String name, Scope scope, Duration createdFromR, Duration expiresFromR) {
        token(name, scope, createdFromR, R.plus(expiresFromR));
    }

    private void token(String name, Scope scope, Duration createdFromR, Instant expiresAt) {
        history.create(
                TokenHistory.created(id(name), TENANT, name, scope, R.plus(createdFromR), expiresAt), "user:alice");
    }

    private static TokenId id(String name) {
        return new TokenId(UUID.nameUUIDFromBytes(("compliance-" + name).getBytes(StandardCharsets.UTF_8)));
    }

    private JsonNode report(String query) {
        HttpResponse<String> response = client.get("/api/v1/compliance/report?" + query, admin);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return client.json(response);
    }

    private static List<String> names(JsonNode report, String list) {
        List<String> names = new ArrayList<>();
        report.get(list).forEach(token -> names.add(token.get("name").asText()));
        return names;
    }

    private static Duration days(long days) {
        return Duration.ofDays(days);
    }
}
