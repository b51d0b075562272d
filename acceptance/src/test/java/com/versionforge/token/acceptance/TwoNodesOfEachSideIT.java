package com.versionforge.token.acceptance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.jayway.jsonpath.JsonPath;
import com.versionforge.token.acceptance.ApiClient.Token;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Two nodes of each side on one PostgreSQL, as a deployment with several nodes runs. The database lives in this
 * test's JVM, so it outlives every node the test kills. Commands race on the same tokens through both command-side
 * nodes; the query-side nodes share the segments of each processor; a node of each side is killed with SIGKILL under
 * load. What a client was told happened is in the event store, once, and the read models end complete.
 *
 * <p>The tests run in order: each kill leaves one node of its side for the tests after it.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TwoNodesOfEachSideIT {

    private static final String TENANT = "acme";
    private static final String CHECK = "/api/v1/auth/check";
    private static final Duration CLAIM_TIMEOUT = Duration.ofSeconds(3);
    // Admin and read-only tokens get budgets no load here exhausts, so that a 429 never hides what a command did.
    private static final String[] RAISED_LIMITS = {
        "--vf.rate-limit.requests-per-minute.admin=100000000", "--vf.rate-limit.requests-per-minute.read-only=100000000"
    };
    private static final String[] QUERY_SIDE_PROCESSORS = {"dashboard", "audit"};
    // The expiry saga and the notifier: tracking processors of the command side, which its nodes share.
    private static final String[] COMMAND_SIDE_PROCESSORS = {"token-expiry", "notifications"};
    private static final String EVENTS_OF_TOKENS = "FROM domainevententry WHERE type = 'ApiToken'";

    private static EmbeddedPostgres database;
    private static CommandSideJar commandA;
    private static CommandSideJar commandB;
    private static QuerySideJar queryA;
    private static QuerySideJar queryB;
    private static ApiClient apiA;
    private static ApiClient apiB;
    private static Token admin;

    @BeforeAll
    static void startTwoNodesOfEachSideOnOnePostgres() throws Exception {
        database = EmbeddedPostgres.builder().start();
        Map<String, String> shared = Map.of(
                "SPRING_DATASOURCE_URL", database.getJdbcUrl("postgres", "postgres"),
                "SPRING_DATASOURCE_USERNAME", "postgres",
                "SPRING_DATASOURCE_PASSWORD", "postgres");
        Map<String, String> commandSide = new HashMap<>(shared);
        commandSide.put("VF_RATE_LIMIT_STORE", "postgres");
        // Windows of uses end often, so that both nodes append uses of the same tokens again and again.
        commandSide.put("VF_USAGE_WINDOW", "500ms");

        commandSide.put("AXON_EVENTHANDLING_TOKENSTORE_CLAIMTIMEOUT", CLAIM_TIMEOUT.toSeconds() + "s");

        // One node and the operator's bootstrap first (Flyway lets one of them create the schema), then the others.
        commandA = CommandSideJar.launch(ServiceJar.freePort(), commandSide, RAISED_LIMITS);
        admin = Token.bootstrapped(CommandSideJar.bootstrap(shared, TENANT));
        commandA.awaitHealthy();
        commandB = CommandSideJar.launch(ServiceJar.freePort(), commandSide, RAISED_LIMITS);
        Map<String, String> querySide = new HashMap<>(shared);
        querySide.put("VF_COMMAND_SIDE_URL", commandA.baseUrl());
        querySide.put("VF_TOKEN_CLAIM_TIMEOUT", CLAIM_TIMEOUT.toSeconds() + "s");
        querySide.put("VF_BALANCING_NODE_TIMEOUT", "2s");
        queryA = QuerySideJar.launch(ServiceJar.freePort(), querySide);
        queryA.awaitHealthy();
        // The second query node starts when the first has claimed every segment: they share them by balancing only.
        queryB = QuerySideJar.launch(ServiceJar.freePort(), querySide);
        commandB.awaitHealthy();
        queryB.awaitHealthy();
        apiA = new ApiClient(commandA.baseUrl());
        apiB = new ApiClient(commandB.baseUrl());
    }

    @AfterAll
    static void stopNodesThenTheDatabase() throws Exception {
        for (ServiceJar node : new ServiceJar[] {queryB, queryA, commandB, commandA}) {
            if (node != null) {
                node.close();
            }
        }
        if (database != null) {
            database.close();
        }
    }

    @Test
    @Order(1)
    void commandsRacingOnTheSameTokensThroughBothNodesAreStoredOnceInOrder() throws Exception {
        List<Token> revoked = createTokens("raced revoke", 6);
        List<Token> rotated = createTokens("raced rotate", 6);
        List<Token> all = new ArrayList<>(revoked);
        all.addAll(rotated);
        Queue<Answer> checks = new ConcurrentLinkedQueue<>();
        Queue<Answer> races = new ConcurrentLinkedQueue<>();

        // Checks on both nodes append uses of every token throughout, while both nodes revoke or rotate each token.
        try (Load load = new Load(8, i -> {
            Token token = all.get(i % all.size());
            int status = node(i).get(CHECK, "Authorization", token.bearer()).statusCode();
            checks.add(new Answer(token, node(i), "check", status, ""));
        })) {
            await().atMost(Duration.ofSeconds(30)).until(() -> checks.size() >= 200);
            race(revoked, rotated, races);
            await().atMost(Duration.ofSeconds(30)).until(() -> checks.size() >= 400);
        }

        assertThat(races)
                .as("answers to racing revokes and rotations")
                .allSatisfy(answer -> assertThat(answer.status()).isIn(200, 201, 409));
        assertThat(checks)
                .as("answers to checks")
                .allSatisfy(answer -> assertThat(answer.status()).isIn(200, 401));
        for (Token token : revoked) {
            assertThat(races.stream().filter(a -> a.token() == token && a.status() == 200))
                    .as("revokes of %s answered 200 by either node", token)
                    .hasSize(1);
            assertThat(eventCount(token, "TokenRevokedEvent")).isEqualTo(1);
        }
        for (Token token : rotated) {
            List<Answer> successes = races.stream()
                    .filter(a -> a.token() == token && a.status() == 201)
                    .toList();
            assertThat(successes).as("rotations of %s answered 201", token).hasSize(1);
            String successor = successes.get(0).summary();
            assertThat(successorsOf(token))
                    .as("successors of %s in the store", token)
                    .containsExactly(successor);
            assertThat(eventCount(successor, "TokenCreatedEvent")).isEqualTo(1);
            // Rotated tokens stay active: every check one of the nodes passed is a counted use, none lost or doubled.
            long passed = checks.stream()
                    .filter(a -> a.token() == token && a.status() == 200)
                    .count();
            await().atMost(Duration.ofSeconds(15))
                    .untilAsserted(() -> assertThat(usesOf(token))
                            .as("uses of %s recorded by both nodes", token)
                            .isEqualTo(passed));
        }
        assertEverySequenceIsConsecutive();
    }

    @Test
    @Order(2)
    void querySideNodesShareTheSegmentsAndTheSurvivorOfAKillTakesThemAllOver() throws Exception {
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(processorsShared())
                        .as("claims: %s", claims(QUERY_SIDE_PROCESSORS))
                        .isTrue());

        Traffic traffic = new Traffic("while a query node is killed");
        try (Load load = new Load(4, traffic::createUseOrRevoke)) {
            await().atMost(Duration.ofSeconds(60)).until(() -> traffic.created.size() >= 20);
            assertThat(queryB.kill())
                    .as("exit status of the killed query node")
                    .isEqualTo(ServiceJar.KILLED_BY_SIGKILL);
            long killedAt = System.nanoTime();

            await().atMost(CLAIM_TIMEOUT.plusSeconds(20))
                    .pollInterval(Duration.ofMillis(200))
                    .untilAsserted(() -> assertThat(claims(QUERY_SIDE_PROCESSORS))
                            .as("owners of every segment after the kill")
                            .allSatisfy((segment, owner) -> assertThat(owner).startsWith(queryA.tokenOwner())));
            System.out.printf(
                    "The surviving query node held every segment %d ms after the kill%n",
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killedAt));
            await().atMost(Duration.ofSeconds(60)).until(() -> traffic.created.size() >= 60);
        }

        assertThat(traffic.failures).as("failed requests").isEmpty();
        assertReadModelsComplete();
    }

    @Test
    @Order(3)
    void aCommandNodeKilledUnderLoadLosesNothingItAcceptedAndTheOtherKeepsServing() throws Exception {
        Traffic traffic = new Traffic("while a command node is killed");
        long killedAt;
        try (Load load = new Load(4, traffic::createUseOrRevoke)) {
            await().atMost(Duration.ofSeconds(60)).until(() -> traffic.createdBy(apiB) >= 15);
            assertThat(commandB.kill())
                    .as("exit status of the killed command node")
                    .isEqualTo(ServiceJar.KILLED_BY_SIGKILL);
            killedAt = System.nanoTime();
            await().atMost(Duration.ofSeconds(60)).until(() -> traffic.createdBy(apiA, killedAt) >= 15);
            await().atMost(CLAIM_TIMEOUT.plusSeconds(20))
                    .pollInterval(Duration.ofMillis(200))
                    .untilAsserted(() -> assertThat(claims(COMMAND_SIDE_PROCESSORS))
                            .as("owners of the command side's segments after the kill")
                            .isNotEmpty()
                            .allSatisfy((segment, owner) -> assertThat(owner).startsWith(commandA.tokenOwner())));
        }

        assertThat(traffic.failures)
                .as("requests that failed other than by finding the killed node gone")
                .allSatisfy(failure -> assertThat(failure).startsWith(commandB.baseUrl() + ": no answer"));
        for (String id : traffic.created.keySet()) {
            assertThat(eventCount(id, "TokenCreatedEvent"))
                    .as("creations of %s", id)
                    .isEqualTo(1);
        }
        for (String id : traffic.revoked) {
            assertThat(eventCount(id, "TokenRevokedEvent"))
                    .as("revocations of %s", id)
                    .isEqualTo(1);
        }
        assertEverySequenceIsConsecutive();
        assertReadModelsComplete();
    }

    @Test
    @Order(4)
    void auditTrailOfTheSurvivorHoldsEveryEventOfBothCommandNodesExactlyOnce() throws Exception {
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> {
                    assertThat(strings("SELECT globalindex::text " + EVENTS_OF_TOKENS
                                    + " EXCEPT SELECT id::text FROM audit_event"))
                            .as("events without their audit entry: %s", eventsMissingFromTheAuditTrail())
                            .isEmpty();
                    assertThat(strings("SELECT id::text FROM audit_event"))
                            .as("audit entries, by the global index of their event")
                            .containsExactlyInAnyOrderElementsOf(
                                    strings("SELECT globalindex::text " + EVENTS_OF_TOKENS));
                });
    }

    /** Revokes each of {@code revoked} and rotates each of {@code rotated} through both nodes at the same instant. */
    private static void race(List<Token> revoked, List<Token> rotated, Queue<Answer> answers) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(2 * (revoked.size() + rotated.size()));
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> requests = new ArrayList<>();
            for (ApiClient node : List.of(apiA, apiB)) {
                for (Token token : revoked) {
                    requests.add(threads.submit(() -> {
                        start.await();
                        answers.add(Answer.of(
                                token,
                                node,
                                "revoke",
                                () -> node.post(
                                        "/api/v1/tokens/" + token.id() + "/revoke",
                                        "{\"reason\": \"raced\"}",
                                        "Authorization",
                                        admin.bearer())));
                        return null;
                    }));
                }
                for (Token token : rotated) {
                    requests.add(threads.submit(() -> {
                        start.await();
                        answers.add(Answer.of(
                                token,
                                node,
                                "rotate",
                                () -> node.post(
                                        "/api/v1/tokens/" + token.id() + "/rotate",
                                        "{\"expiresIn\": \"30d\"}",
                                        "Authorization",
                                        admin.bearer())));
                        return null;
                    }));
                }
            }
            start.countDown();
            for (Future<?> request : requests) {
                request.get(60, TimeUnit.SECONDS);
            }
        } finally {
            threads.shutdownNow();
        }
    }

    private static List<Token> createTokens(String name, int count) {
        return IntStream.range(0, count)
                .mapToObj(i -> node(i).create(admin, name + " " + i, "read-only"))
                .toList();
    }

    private static ApiClient node(int i) {
        return i % 2 == 0 ? apiA : apiB;
    }

    /**
     * The event store holds each token's events once each, numbered 0, 1, 2, ... without a gap: optimistic locking
     * let no two nodes append the same number, and no retried command appended its events twice.
     */
    private static void assertEverySequenceIsConsecutive() throws SQLException {
        List<String> broken = strings("SELECT aggregateidentifier " + EVENTS_OF_TOKENS
                + " GROUP BY aggregateidentifier"
                + " HAVING min(sequencenumber) <> 0 OR max(sequencenumber) <> count(*) - 1");
        assertThat(broken).as("tokens whose event sequence is not 0..n-1").isEmpty();
    }

    /**
     * The surviving query node's dashboard holds every token of the store once, with every revocation; its audit trail
     * has reached the store's last event, and its hash chain verifies.
     */
    private static void assertReadModelsComplete() throws Exception {
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> {
                    assertThat(strings("SELECT token_id::text FROM token_dashboard"))
                            .as("tokens on the dashboard")
                            .containsExactlyInAnyOrderElementsOf(strings("SELECT aggregateidentifier "
                                    + EVENTS_OF_TOKENS + " AND payloadtype LIKE '%.TokenCreatedEvent'"));
                    assertThat(strings("SELECT token_id::text FROM token_dashboard WHERE status = 'revoked'"))
                            .as("revoked tokens on the dashboard")
                            .containsExactlyInAnyOrderElementsOf(strings("SELECT aggregateidentifier "
                                    + EVENTS_OF_TOKENS + " AND payloadtype LIKE '%.TokenRevokedEvent'"));
                    assertThat(single("SELECT max(id)::text FROM audit_event"))
                            .as("the last audit entry")
                            .isEqualTo(single("SELECT max(globalindex)::text " + EVENTS_OF_TOKENS));
                });
        HttpResponse<String> verification =
                new ApiClient(queryA.baseUrl()).get("/api/v1/audit-events/verify", "Authorization", admin.bearer());
        assertThat(verification.statusCode()).isEqualTo(200);
        assertThat((Boolean) JsonPath.read(verification.body(), "$.valid"))
                .as("verification of the audit chain: %s", verification.body())
                .isTrue();
        assertThat(((Number) JsonPath.read(verification.body(), "$.checked")).longValue())
                .isEqualTo(strings("SELECT id FROM audit_event").size());
    }

    /** For a failure's message: the global index, type and time of each event that the audit trail lacks. */
    private static List<List<String>> eventsMissingFromTheAuditTrail() throws SQLException {
        return rows("SELECT globalindex::text, payloadtype, timestamp " + EVENTS_OF_TOKENS
                + " AND globalindex NOT IN (SELECT id FROM audit_event) ORDER BY globalindex");
    }

    /** Whether each query processor has several segments and each query node holds one of every processor. */
    private static boolean processorsShared() throws SQLException {
        Map<String, Set<String>> owners = new HashMap<>();
        Map<String, Integer> segments = new HashMap<>();
        for (List<String> row :
                rows("SELECT processorname, coalesce(owner, '') FROM tokenentry WHERE processorname = ANY (?)", (Object)
                        QUERY_SIDE_PROCESSORS)) {
            owners.computeIfAbsent(row.get(0), name -> new HashSet<>()).add(row.get(1));
            segments.merge(row.get(0), 1, Integer::sum);
        }
        Predicate<Set<String>> bothNodes = nodes -> nodes.stream().anyMatch(o -> o.startsWith(queryA.tokenOwner()))
                && nodes.stream().anyMatch(o -> o.startsWith(queryB.tokenOwner()));
        return Arrays.stream(QUERY_SIDE_PROCESSORS)
                .allMatch(
                        processor -> segments.getOrDefault(processor, 0) > 1 && bothNodes.test(owners.get(processor)));
    }

    /** Who holds each segment of {@code processors}, as {@code processor/segment -> owner}. */
    private static Map<String, String> claims(String[] processors) throws SQLException {
        return rows(
                        "SELECT processorname || '/' || segment, coalesce(owner, '') FROM tokenentry"
                                + " WHERE processorname = ANY (?)",
                        (Object) processors)
                .stream()
                .collect(Collectors.toMap(row -> row.get(0), row -> row.get(1)));
    }

    private static long eventCount(Token token, String type) throws SQLException {
        return eventCount(token.id(), type);
    }

    private static long eventCount(String tokenId, String type) throws SQLException {
        return Long.parseLong(single(
                "SELECT count(*) " + EVENTS_OF_TOKENS + " AND aggregateidentifier = ? AND payloadtype LIKE ?",
                tokenId,
                "%." + type));
    }

    private static List<String> successorsOf(Token token) throws SQLException {
        return strings(
                "SELECT convert_from(payload, 'UTF8')::jsonb #>> '{successorId,value}' " + EVENTS_OF_TOKENS
                        + " AND aggregateidentifier = ? AND payloadtype LIKE '%.TokenRotatedEvent'",
                token.id());
    }

    private static long usesOf(Token token) throws SQLException {
        return Long.parseLong(single(
                "SELECT coalesce(sum((convert_from(payload, 'UTF8')::jsonb ->> 'count')::bigint), 0) "
                        + EVENTS_OF_TOKENS + " AND aggregateidentifier = ? AND payloadtype LIKE '%.TokenUsedEvent'",
                token.id()));
    }

    private static String single(String sql, Object... parameters) throws SQLException {
        return rows(sql, parameters).get(0).get(0);
    }

    private static List<String> strings(String sql, Object... parameters) throws SQLException {
        return rows(sql, parameters).stream().map(row -> row.get(0)).toList();
    }

    private static List<List<String>> rows(String sql, Object... parameters) throws SQLException {
        try (Connection connection = database.getPostgresDatabase().getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            List<List<String>> rows = new ArrayList<>();
            try (ResultSet result = statement.executeQuery()) {
                int columns = result.getMetaData().getColumnCount();
                while (result.next()) {
                    List<String> row = new ArrayList<>();
                    for (int column = 1; column <= columns; column++) {
                        row.add(result.getString(column));
                    }
                    rows.add(row);
                }
            }
            return rows;
        }
    }

    /**
     * One answer of a node: of a success only the id it names, since a created token's body holds its secret; of a
     * refusal the problem it describes.
     */
    private record Answer(Token token, ApiClient node, String operation, int status, String summary) {

        static Answer of(Token token, ApiClient node, String operation, Request request) {
            HttpResponse<String> response = request.send();
            boolean success = response.statusCode() / 100 == 2;
            return new Answer(
                    token,
                    node,
                    operation,
                    response.statusCode(),
                    success ? JsonPath.read(response.body(), "$.id") : response.body());
        }
    }

    @FunctionalInterface
    private interface Request {
        HttpResponse<String> send();
    }

    /**
     * Creates tokens through both command-side nodes in turn; uses every third and revokes every fourth through the
     * node that created it. Keeps what each node confirmed, and what failed.
     */
    private static final class Traffic {

        private final String label;

        final Map<String, CreatedBy> created = new ConcurrentHashMap<>();
        final Queue<String> revoked = new ConcurrentLinkedQueue<>();
        final Queue<String> failures = new ConcurrentLinkedQueue<>();

        void createUseOrRevoke(int i) {
            ApiClient node = node(i);
            try {
                Token token = node.create(admin, label + " " + i, "read-only");
                created.put(token.id(), new CreatedBy(node, System.nanoTime()));
                if (i % 3 == 0) {
                    node.get(CHECK, "Authorization", token.bearer());
                }
                if (i % 4 == 0) {
                    int status = node.revoke(admin, token);
                    if (status != 200) {
                        failures.add(node.baseUrl() + ": revoke answered " + status);
                    }
                    revoked.add(token.id());
                }
            } catch (IllegalStateException e) {
                failures.add(node.baseUrl() + ": no answer (" + e.getCause() + ")");
            } catch (AssertionError e) {
                failures.add(node.baseUrl() + ": " + e.getMessage());
            }
        }

        Traffic(String label) {
            this.label = label;
        }

        long createdBy(ApiClient node) {
            return createdBy(node, 0);
        }

        long createdBy(ApiClient node, long after) {
            return created.values().stream()
                    .filter(c -> c.node() == node && c.at() > after)
                    .count();
        }
    }

    private record CreatedBy(ApiClient node, long at) {}

    /** Threads that run {@code work} with increasing numbers until closed. */
    private static final class Load implements AutoCloseable {

        private final ExecutorService threads;
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final AtomicInteger next = new AtomicInteger();
        private final List<Future<?>> workers = new ArrayList<>();

        Load(int threadCount, IntConsumer work) {
            threads = Executors.newFixedThreadPool(threadCount);
            for (int t = 0; t < threadCount; t++) {
                workers.add(threads.submit(() -> {
                    while (running.get()) {
                        work.accept(next.getAndIncrement());
                    }
                    return null;
                }));
            }
        }

        @Override
        public void close() throws Exception {
            running.set(false);
            try {
                for (Future<?> worker : workers) {
                    worker.get(60, TimeUnit.SECONDS);
                }
            } finally {
                threads.shutdownNow();
            }
        }
    }
}
