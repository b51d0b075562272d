package com.versionforge.token.query.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.versionforge.token.api.Scope;
import com.versionforge.token.api.TenantId;
import com.versionforge.token.api.TokenId;
import com.versionforge.token.query.testing.MutableClock;
import com.versionforge.token.query.testing.QuerySideClient;
import com.versionforge.token.query.testing.QuerySideIntegrationTest;
import com.versionforge.token.query.testing.StubCommandSide;
import com.versionforge.token.query.testing.TokenHistory;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * While an event is appended in a transaction that has not committed, the pages and the export of the trail stop below
 * it, although the entries of later events are already written: once it commits, its entry lands below those, and
 * they are relinked. So an entry, once served, keeps its hashes, and a walk through the pages that started before the
 * late commit still sees every entry once. The late commit is a real one, as in {@link AuditChainRelinkIT}.
 */
@QuerySideIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuditWatermarkIT {

    private static final TenantId TENANT = new TenantId("watermark-co");
    private static final TokenId ADMIN_TOKEN = new TokenId(UUID.fromString("00000000-0000-4000-8000-0000000b0301"));
    private static final TokenId TOKEN = new TokenId(UUID.fromString("ad600000-0000-4000-8000-000000000001"));
    private static final TokenId LATE_TOKEN = new TokenId(UUID.fromString("ad600000-0000-4000-8000-000000000002"));
    private static final Instant NOW = MutableClock.DEFAULT_NOW;
    private static final int PAGE_SIZE = 2;

    @Autowired
    private TokenHistory history;

    @Autowired
    private StubCommandSide commandSide;

    @Autowired
    private QuerySideClient client;

    @Autowired
    private JdbcClient jdbc;

    private String admin;

    @BeforeAll
    void givenATokenUsedTwice() {
        admin = commandSide.pass("watermark-admin", TENANT, ADMIN_TOKEN, Scope.ADMIN);
        history.create(
                TokenHistory.created(TOKEN, TENANT, "Watermarked", Scope.READ_ONLY, NOW, NOW.plus(Duration.ofDays(9))),
                "user:alice");
        history.use(TOKEN, TENANT, 1, NOW.plusSeconds(10), "192.0.2.1");
        history.use(TOKEN, TENANT, 1, NOW.plusSeconds(20), "192.0.2.2");
        history.awaitAudit();
    }

    @Test
    void servesNoEntryAboveAnUncommittedEventSoThatServedEntriesNeverChange() throws Exception {
        TokenHistory.HeldCreation late = history.createHeldOpen(
                TokenHistory.created(LATE_TOKEN, TENANT, "Late", Scope.READ_ONLY, NOW, NOW.plus(Duration.ofDays(9))),
                "user:bob");
        JsonNode firstPage;
        List<Served> servedWhileOpen;
        List<Long> writtenWhileOpen;
        try {
            for (int i = 1; i <= 3; i++) {
                history.use(TOKEN, TENANT, i, NOW.plusSeconds(60L * i), "198.51.100." + i);
            }
            history.awaitAudit();
            writtenWhileOpen = storedIds();
            assertThat(writtenWhileOpen).hasSize(6);

            firstPage = page(null);
            servedWhileOpen = walk(null);
            List<Served> exportedWhileOpen = export();
            HttpResponse<String> verification = client.get("/api/v1/audit-events/verify", admin);

            assertThat(servedWhileOpen)
                    .extracting(Served::id)
                    .containsExactlyElementsOf(writtenWhileOpen.subList(0, 3));
            assertThat(exportedWhileOpen).isEqualTo(servedWhileOpen);
            assertThat(nextCursor(firstPage)).isNotNull();
            // The tamper check is not held back: it walks the whole chain as written, up to its recorded end.
            assertThat(client.json(verification).get("checked").asLong()).isEqualTo(6);
        } finally {
            // Committed even when an assertion failed: a rolled-back event would hold back the trail of later tests.
            late.commit();
        }
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(walk(null)).hasSize(7));

        List<Served> servedAfterwards = walk(null);
        List<Served> walkedAcrossTheCommit = new ArrayList<>();
        firstPage.get("items").forEach(item -> walkedAcrossTheCommit.add(Served.of(item)));
        walkedAcrossTheCommit.addAll(walk(nextCursor(firstPage)));
        long lateId = servedAfterwards.stream()
                .filter(entry -> LATE_TOKEN.toString().equals(entry.tokenId()))
                .findFirst()
                .orElseThrow()
                .id();

        assertThat(lateId).isBetween(writtenWhileOpen.get(2), writtenWhileOpen.get(3));
        assertThat(servedAfterwards).extracting(Served::id).containsExactlyElementsOf(storedIds());
        assertThat(walkedAcrossTheCommit).isEqualTo(servedAfterwards);
        assertThat(servedAfterwards).containsAll(servedWhileOpen);
        assertThat(export()).isEqualTo(servedAfterwards);
    }

    /** An entry as a client saw it: what it is and how it chains. */
    private record Served(long id, String tokenId, String prevHash, String hash) {

        static Served of(JsonNode item) {
            return new Served(
                    item.get("id").asLong(),
                    item.get("tokenId").asText(),
                    item.get("prevHash").asText(),
                    item.get("hash").asText());
        }
    }

    private List<Served> walk(String cursor) {
        List<Served> served = new ArrayList<>();
        int pages = 0;
        do {
            JsonNode page = page(cursor);
            page.get("items").forEach(item -> served.add(Served.of(item)));
            cursor = nextCursor(page);
        } while (cursor != null && ++pages < 100);
        return served;
    }

    private JsonNode page(String cursor) {
        String query = "limit=" + PAGE_SIZE
                + (cursor == null ? "" : "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8));
        HttpResponse<String> response = client.get("/api/v1/audit-events?" + query, admin);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return client.json(response);
    }

    private List<Served> export() throws IOException {
        HttpResponse<String> response = client.get("/api/v1/audit-events", admin, "Accept", "text/csv");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        List<Served> exported = new ArrayList<>();
        CsvMapper csv = new CsvMapper().enable(CsvParser.Feature.WRAP_AS_ARRAY);
        // Past the byte order mark and the header row.
        try (MappingIterator<List<String>> rows =
                csv.readerForListOf(String.class).readValues(response.body().substring(1))) {
            rows.next();
            rows.forEachRemaining(
                    row -> exported.add(new Served(Long.parseLong(row.get(0)), row.get(3), row.get(10), row.get(9))));
        }
        return exported;
    }

    private static String nextCursor(JsonNode page) {
        return page.get("nextCursor").isNull() ? null : page.get("nextCursor").asText();
    }

    private List<Long> storedIds() {
        return jdbc.sql("SELECT id FROM audit_event WHERE tenant_id = ? ORDER BY id")
                .param(TENANT.value())
                .query(Long.class)
                .list();
    }
}
