package com.versionforge.token.query.dashboard;

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
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Walking every page of a listing shows each token exactly once and in order, for every sort key and direction, even
 * with many equal sort values and tokens never used.
 */
@QuerySideIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DashboardPaginationIT {

    private static final TenantId TENANT = new TenantId("paging-co");
    private static final TokenId READER_TOKEN = new TokenId(UUID.fromString("00000000-0000-4000-8000-00000000b001"));
    private static final int TOKEN_COUNT = 120;
    private static final int PAGE_SIZE = 7;
    private static final Instant NOW = MutableClock.DEFAULT_NOW;

    @Autowired
    private TokenHistory history;

    @Autowired
    private StubCommandSide commandSide;

    @Autowired
    private QuerySideClient client;

    private final List<Token> tokens =
            IntStream.range(0, TOKEN_COUNT).mapToObj(Token::number).toList();
    private String reader;

    /** One token of the fixture; its values repeat often, so that ties are the rule rather than the exception. */
    private record Token(TokenId id, String name, Instant createdAt, Instant expiresAt, Instant lastUsedAt) {

        static Token number(int i) {
            String prefix = List.of("Deploy ", "deploy ", "Backup ").get(i % 3);
            return new Token(
                    new TokenId(UUID.nameUUIDFromBytes(("paging-" + i).getBytes(StandardCharsets.UTF_8))),
                    prefix + (i % 20),
                    NOW.minus(Duration.ofDays(i % 30)),
                    NOW.plus(Duration.ofDays(i % 17 + 1)),
                    i % 3 == 0 ? null : NOW.minus(Duration.ofHours(i % 11)));
        }

        String idText() {
            return id.toString();
        }
    }

    @BeforeAll
    void givenManyTokensWithRepeatedValues() {
        reader = commandSide.pass("paging-reader", TENANT, READER_TOKEN, Scope.READ_ONLY);
        for (Token token : tokens) {
            history.create(
                    TokenHistory.created(
                            token.id(), TENANT, token.name(), Scope.READ_ONLY, token.createdAt(), token.expiresAt()),
                    "user:alice");
            if (token.lastUsedAt() != null) {
                history.use(token.id(), TENANT, 1, token.lastUsedAt(), "198.51.100.1");
            }
        }
        history.awaitDashboard();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "createdAt",
                "-createdAt",
                "expiresAt",
                "-expiresAt",
                "lastUsedAt",
                "-lastUsedAt",
                "name",
                "-name"
            })
    void showsEveryTokenOnceAndInOrderAcrossAllPages(String sort) {
        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;

        do {
            JsonNode page = page("sort=" + sort + "&limit=" + PAGE_SIZE + cursorParameter(cursor));
            page.get("items").forEach(item -> seen.add(item.get("id").asText()));
            cursor = page.get("nextCursor").isNull()
                    ? null
                    : page.get("nextCursor").asText();
            pages++;
        } while (cursor != null && pages <= TOKEN_COUNT);

        assertThat(seen).containsExactlyElementsOf(expectedOrder(sort));
        assertThat(pages).isEqualTo((TOKEN_COUNT + PAGE_SIZE - 1) / PAGE_SIZE);
    }

    @Test
    void endsWithoutCursorWhenThePageHoldsTheRest() {
        JsonNode page = page("limit=" + TOKEN_COUNT);

        assertThat(page.get("items")).hasSize(TOKEN_COUNT);
        assertThat(page.get("nextCursor").isNull()).isTrue();
    }

    @Test
    void returnsFiftyTokensWhenNoLimitIsGiven() {
        JsonNode page = page("");

        assertThat(page.get("items")).hasSize(DashboardParameters.DEFAULT_LIMIT);
        assertThat(page.get("nextCursor").isNull()).isFalse();
    }

    @Test
    void keepsItsFilterAcrossPages() {
        List<String> seen = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode page = page("q=backup&sort=name&limit=" + PAGE_SIZE + cursorParameter(cursor));
            page.get("items").forEach(item -> seen.add(item.get("name").asText()));
            cursor = page.get("nextCursor").isNull()
                    ? null
                    : page.get("nextCursor").asText();
        } while (cursor != null);

        assertThat(seen)
                .hasSize(TOKEN_COUNT / 3)
                .allSatisfy(name -> assertThat(name).startsWith("Backup "));
    }

    private JsonNode page(String query) {
        HttpResponse<String> response = client.get("/api/v1/tokens?" + query, reader);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return client.json(response);
    }

    private static String cursorParameter(String cursor) {
        return cursor == null ? "" : "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8);
    }

    /** The order the contract promises, worked out here independently of the SQL. */
    private List<String> expectedOrder(String sort) {
        boolean descending = sort.startsWith("-");
        Comparator<Token> byKey = switch (descending ? sort.substring(1) : sort) {
            case "createdAt" -> Comparator.comparing(Token::createdAt);
            case "expiresAt" -> Comparator.comparing(Token::expiresAt);
            case "lastUsedAt" ->
                Comparator.comparing(Token::lastUsedAt, Comparator.nullsFirst(Comparator.naturalOrder()));
            case "name" -> Comparator.comparing(token -> token.name().toLowerCase(Locale.ROOT));
            default -> throw new IllegalArgumentException(sort);
        };
        // PostgreSQL orders UUIDs byte by byte, which is the order of their lower-case text.
        Comparator<Token> order = byKey.thenComparing(Token::idText);
        return tokens.stream()
                .sorted(descending ? order.reversed() : order)
                .map(Token::idText)
                .toList();
    }
}
