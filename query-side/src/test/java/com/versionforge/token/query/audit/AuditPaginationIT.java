package com.versionforge.token.query.audit;

import static org.assertj.core.api.Assertions.assertThat;

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
 * Walking the pages of a trail of 10,000 entries sees each exactly once, also while entries are being appended, and
 * the CSV export holds the whole range. The entries come from real events, stored through Axon's event store in
 * batches of a thousand and processed by the audit projection.
 */
@QuerySideIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuditPaginationIT {

    private static final TenantId TENANT = new TenantId("audit-paging-co");
    private static final TenantId GROWING_TENANT = new TenantId("audit-growing-co");
    private static final TokenId ADMIN_TOKEN = new TokenId(UUID.fromString("00000000-0000-4000-8000-0000000b0001"));
    private static final TokenId GROWING_ADMIN_TOKEN =
            new TokenId(UUID.fromString("00000000-0000-4000-8000-0000000b0002"));
    private static final TokenId BUSY = new TokenId(UUID.fromString("ad200000-0000-4000-8000-000000000001"));
    private static final TokenId GROWING = new TokenId(UUID.fromString("ad200000-0000-4000-8000-000000000002"));
    private static final int ENTRY_COUNT = 10_000;
    private static final int PAGE_SIZE = 200;
    private static final Instant NOW = MutableClock.DEFAULT_NOW;

    @Autowired
    private TokenHistory history;

    @Autowired
    private StubCommandSide commandSide;

    @Autowired
    private QuerySideClient client;

    @Autowired
    private JdbcClient jdbc;

    private String admin;
    private String growingAdmin;

    @BeforeAll
    void givenTenThousandEntries() {
        admin = commandSide.pass("paging-admin", TENANT, ADMIN_TOKEN, Scope.ADMIN);
        growingAdmin = commandSide.pass("growing-admin", GROWING_TENANT, GROWING_ADMIN_TOKEN, Scope.ADMIN);
        history.create(
                TokenHistory.created(
                        BUSY, TENANT, "Busy pipeline", Scope.SYNC_TRIGGER, NOW.minus(Duration.ofDays(20)), NOW),
                "user:alice");
        history.useMany(BUSY, TENANT, ENTRY_COUNT - 1, NOW.minus(Duration.ofDays(1)), "203.0.113.50");
        history.create(
                TokenHistory.created(
                        GROWING, GROWING_TENANT, "Growing", Scope.READ_ONLY, NOW.minus(Duration.ofDays(1)), NOW),
                "user:alice");
        history.useMany(GROWING, GROWING_TENANT, 499, NOW.minus(Duration.ofHours(1)), "203.0.113.51");
        history.awaitAudit();
    }

    @Test
    void showsEveryEntryExactlyOnceAcrossAllPages() {
        List<Long> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;

        do {
            JsonNode page = page(admin, "limit=" + PAGE_SIZE + cursorParameter(cursor));
            page.get("items").forEach(item -> seen.add(item.get("id").asLong()));
            cursor = nextCursor(page);
            pages++;
        } while (cursor != null && pages <= ENTRY_COUNT);

        assertThat(seen).hasSize(ENTRY_COUNT).doesNotHaveDuplicates().isSorted();
        assertThat(seen).containsExactlyElementsOf(storedIds(TENANT));
        assertThat(pages).isEqualTo(ENTRY_COUNT / PAGE_SIZE);
    }

    @Test
    void keepsItsFilterAcrossPages() {
        List<String> types = new ArrayList<>();
        String cursor = null;

        do {
            JsonNode page =
                    page(admin, "type=token-used&tokenId=" + BUSY + "&limit=" + PAGE_SIZE + cursorParameter(cursor));
            page.get("items").forEach(item -> types.add(item.get("type").asText()));
            cursor = nextCursor(page);
        } while (cursor != null);

        assertThat(types).hasSize(ENTRY_COUNT - 1).containsOnly("token-used");
    }

    @Test
    void showsEveryEntryOnceWhileEntriesAreAppendedBetweenPages() {
        List<Long> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;

        do {
            JsonNode page = page(growingAdmin, "limit=" + 50 + cursorParameter(cursor));
            page.get("items").forEach(item -> seen.add(item.get("id").asLong()));
            cursor = nextCursor(page);
            if (pages++ < 5) {
                history.use(GROWING, GROWING_TENANT, 1, NOW.plusSeconds(pages), "203.0.113.52");
                history.use(GROWING, GROWING_TENANT, 1, NOW.plusSeconds(pages), "203.0.113.53");
                history.awaitAudit();
            }
        } while (cursor != null && pages <= 100);

        assertThat(seen).hasSize(500 + 10).doesNotHaveDuplicates().isSorted();
        assertThat(seen).containsExactlyElementsOf(storedIds(GROWING_TENANT));
    }

    @Test
    void exportsTheWholeRangeAsCsv() throws Exception {
        HttpResponse<String> response = client.get("/api/v1/audit-events?limit=5", admin, "Accept", "text/csv");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("text/csv;charset=UTF-8");
        List<Long> ids = new ArrayList<>();
        CsvMapper csv = new CsvMapper().enable(CsvParser.Feature.WRAP_AS_ARRAY);
        try (MappingIterator<List<String>> rows =
                csv.readerForListOf(String.class).readValues(response.body().substring(1))) {
            assertThat(rows.next()).startsWith("id", "occurredAt", "type");
            rows.forEachRemaining(row -> ids.add(Long.parseLong(row.get(0))));
        }
        assertThat(ids).containsExactlyElementsOf(storedIds(TENANT));
    }

    private List<Long> storedIds(TenantId tenant) {
        return jdbc.sql("SELECT id FROM audit_event WHERE tenant_id = ? ORDER BY id")
                .param(tenant.value())
                .query(Long.class)
                .list();
    }

    private JsonNode page(String authorization, String query) {
        HttpResponse<String> response = client.get("/api/v1/audit-events?" + query, authorization);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return client.json(response);
    }

    private static String nextCursor(JsonNode page) {
        return page.get("nextCursor").isNull() ? null : page.get("nextCursor").asText();
    }

    private static String cursorParameter(String cursor) {
        return cursor == null ? "" : "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8);
    }
}
