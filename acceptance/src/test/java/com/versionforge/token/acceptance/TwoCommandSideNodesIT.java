package com.versionforge.token.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import com.versionforge.token.acceptance.ApiClient.Token;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two command-side nodes on one PostgreSQL with the PostgreSQL bucket store, as a deployment with several nodes runs:
 * node A with its embedded PostgreSQL, node B connected to it. They share each token's budget exactly, and a revoke
 * on one node is a refusal on the other as soon as it has returned.
 */
class TwoCommandSideNodesIT {

    private static final String CHECK = "/api/v1/auth/check";
    private static final int CONCURRENT_CHECKS = 200;

    @TempDir
    static Path dataDir;

    private static CommandSideJar nodeA;
    private static CommandSideJar nodeB;
    private static ApiClient apiA;
    private static ApiClient apiB;
    private static Token admin;

    @BeforeAll
    static void startTwoNodes() throws Exception {
        int databasePort = CommandSideJar.freePort();
        // Read-only tokens get a budget no race exhausts, so that a 429 never hides what a check decided.
        String raisedReadOnlyLimit = "--vf.rate-limit.requests-per-minute.read-only=100000000";
        nodeA = CommandSideJar.start(
                CommandSideJar.freePort(),
                Map.of(
                        "VF_DATA_DIR", dataDir.toString(),
                        "VF_DB_PORT", Integer.toString(databasePort),
                        "VF_RATE_LIMIT_STORE", "postgres"),
                raisedReadOnlyLimit);
        admin = Token.bootstrapped(CommandSideJar.bootstrap(dataDir, "acme"));
        nodeB = CommandSideJar.start(
                CommandSideJar.freePort(),
                Map.of(
                        "SPRING_DATASOURCE_URL", "jdbc:postgresql://localhost:" + databasePort + "/postgres",
                        "SPRING_DATASOURCE_USERNAME", "postgres",
                        "SPRING_DATASOURCE_PASSWORD", "postgres",
                        "VF_RATE_LIMIT_STORE", "postgres"),
                raisedReadOnlyLimit);
        apiA = new ApiClient(nodeA.baseUrl());
        apiB = new ApiClient(nodeB.baseUrl());
    }

    @AfterAll
    static void stopNodes() {
        if (nodeB != null) {
            nodeB.close();
        }
        if (nodeA != null) {
            nodeA.close();
        }
    }

    @Test
    void bothNodesTogetherPassExactlyTheTokensLimitOfConcurrentChecks() throws Exception {
        Token ci = apiA.create(admin, "CI shared budget", "sync-trigger");
        ApiClient.awaitWindowWithAtLeast(Duration.ofSeconds(15));

        List<Integer> statuses = checkConcurrently(ci);

        assertThat(statuses.stream().filter(status -> status == 200)).hasSize(60);
        assertThat(statuses.stream().filter(status -> status == 429)).hasSize(CONCURRENT_CHECKS - 60);
    }

    @Test
    void revokeOnOneNodeIsARefusalOnTheOtherAsSoonAsItReturned() throws Exception {
        Token raced = apiA.create(admin, "raced across nodes", "read-only");
        Queue<Check> checks = new ConcurrentLinkedQueue<>();
        AtomicBoolean checking = new AtomicBoolean(true);
        ExecutorService threads = Executors.newFixedThreadPool(8);

        long revokeReturned;
        int revokeStatus;
        try {
            List<Future<?>> checkers = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                checkers.add(threads.submit(() -> {
                    while (checking.get()) {
                        long startedAt = System.nanoTime();
                        int status =
                                apiB.get(CHECK, "Authorization", raced.bearer()).statusCode();
                        checks.add(new Check(startedAt, status));
                    }
                }));
            }
            Thread.sleep(1_500);
            revokeStatus = apiA.revoke(admin, raced);
            revokeReturned = System.nanoTime();
            Thread.sleep(1_500);
            checking.set(false);
            for (Future<?> checker : checkers) {
                checker.get(30, TimeUnit.SECONDS);
            }
        } finally {
            threads.shutdownNow();
        }

        List<Check> after =
                checks.stream().filter(c -> c.startedAt() > revokeReturned).toList();
        assertThat(revokeStatus).isEqualTo(200);
        assertThat(checks.stream().filter(c -> c.startedAt() < revokeReturned))
                .as("checks on node B before the revoke on node A returned")
                .anyMatch(c -> c.status() == 200);
        assertThat(after)
                .as("checks on node B started after the revoke returned")
                .isNotEmpty();
        assertThat(after.stream().filter(c -> c.status() != 401))
                .as("checks on node B started after the revoke on node A returned that were not refused")
                .isEmpty();
    }

    private static List<Integer> checkConcurrently(Token token) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(32);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Integer>> futures = new ArrayList<>();
            for (int i = 0; i < CONCURRENT_CHECKS; i++) {
                ApiClient node = i % 2 == 0 ? apiA : apiB;
                futures.add(threads.submit(() -> {
                    start.await();
                    HttpResponse<String> answer = node.get(CHECK, "Authorization", token.bearer());
                    return answer.statusCode();
                }));
            }
            start.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> future : futures) {
                statuses.add(future.get(60, TimeUnit.SECONDS));
            }
            return statuses;
        } finally {
            threads.shutdownNow();
        }
    }

    private record Check(long startedAt, int status) {}
}
