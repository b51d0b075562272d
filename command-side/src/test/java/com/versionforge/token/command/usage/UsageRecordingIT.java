package com.versionforge.token.command.usage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.versionforge.token.api.Scope;
import com.versionforge.token.api.TenantId;
import com.versionforge.token.command.CommandSideApplication;
import com.versionforge.token.command.support.FreePorts;
import com.versionforge.token.command.support.Http;
import com.versionforge.token.command.support.TestDatabase;
import com.versionforge.token.command.support.TestTokens;
import com.versionforge.token.command.support.TestTokens.IssuedToken;
import com.versionforge.token.command.token.TokenCommands;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * Use recording as the event store sees it: the first use of a token goes out at once, heavy traffic makes about one
 * TokenUsedEvent per window, and a graceful shutdown flushes what was counted, so the stored counts add up to the
 * passed checks. The service runs on a database of the test's own, which outlives the service's shutdown.
 */
class UsageRecordingIT {

    private static final TenantId TENANT = new TenantId("acme");
    private static final Duration WINDOW = Duration.ofSeconds(3);
    private static final Duration HEAVY_TRAFFIC = Duration.ofSeconds(9);
    private static final int THREADS = 8;

    private static EmbeddedPostgres postgres;

    @BeforeAll
    static void startDatabase() throws Exception {
        postgres = EmbeddedPostgres.builder()
                .setDataDirectory(TestDatabase.temporaryDirectory("vf-it-usage"))
                .setCleanDataDirectory(true)
                .setPort(FreePorts.next())
                .start();
    }

    @AfterAll
    static void stopDatabase() throws Exception {
        postgres.close();
    }

    @Test
    void recordsTheFirstUseAtOnceAboutOneEventPerWindowAndEveryUseByShutdown() throws Exception {
        ConfigurableApplicationContext service = start();
        IssuedToken token = new TestTokens(service.getBean(TokenCommands.class))
                .issue(TENANT, Scope.READ_ONLY, service.getBean(Clock.class).instant());
        Http http =
                new Http(((WebServerApplicationContext) service).getWebServer().getPort());
        AtomicLong passed = new AtomicLong();

        check(http, token, passed);
        await().atMost(WINDOW.dividedBy(2))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> usedEvents(token).events() == 1);

        long trafficStarted = System.nanoTime();
        checkFromManyThreads(http, token, passed, HEAVY_TRAFFIC);
        Duration trafficLasted = Duration.ofNanos(System.nanoTime() - trafficStarted);
        long eventsAfterTraffic = usedEvents(token).events();

        for (int i = 0; i < 25; i++) {
            check(http, token, passed);
        }
        service.close();
        Uses stored = usedEvents(token);

        long windowsOfTraffic = trafficLasted.toMillis() / WINDOW.toMillis() + 1;
        assertThat(passed.get()).as("checks passed").isGreaterThan(windowsOfTraffic * 100);
        assertThat(eventsAfterTraffic)
                .as("TokenUsedEvents after %d passed checks in %d windows", passed.get(), windowsOfTraffic)
                .isBetween(2L, 1 + windowsOfTraffic + 1);
        assertThat(stored.uses()).as("uses in the stored events after shutdown").isEqualTo(passed.get());
        // At most one scheduled flush between the traffic and the shutdown, and the shutdown's own.
        assertThat(stored.events()).isLessThanOrEqualTo(eventsAfterTraffic + 2);
    }

    private static ConfigurableApplicationContext start() {
        // Arguments, not default properties: those rank below application.yml.
        return new SpringApplicationBuilder(CommandSideApplication.class)
                .run(
                        "--server.port=0",
                        "--spring.datasource.url=" + postgres.getJdbcUrl("postgres", "postgres"),
                        "--spring.datasource.username=postgres",
                        "--spring.datasource.password=postgres",
                        "--vf.usage.window=" + WINDOW.toMillis() + "ms",
                        "--vf.rate-limit.requests-per-minute.read-only=100000000");
    }

    private static void check(Http http, IssuedToken token, AtomicLong passed) {
        int status =
                http.get("/api/v1/auth/check", "Authorization", token.bearer()).statusCode();
        assertThat(status).isEqualTo(200);
        passed.incrementAndGet();
    }

    private static void checkFromManyThreads(Http http, IssuedToken token, AtomicLong passed, Duration duration)
            throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(THREADS);
        try {
            long end = System.nanoTime() + duration.toNanos();
            List<Future<?>> checkers = new ArrayList<>();
            for (int i = 0; i < THREADS; i++) {
                checkers.add(threads.submit(() -> {
                    while (System.nanoTime() < end) {
                        check(http, token, passed);
                    }
                }));
            }
            for (Future<?> checker : checkers) {
                checker.get(duration.toSeconds() + 30, TimeUnit.SECONDS);
            }
        } finally {
            threads.shutdownNow();
        }
    }

    private static Uses usedEvents(IssuedToken token) {
        SingleConnectionDataSource dataSource = new SingleConnectionDataSource(
                postgres.getJdbcUrl("postgres", "postgres"), "postgres", "postgres", true);
        try {
            return new JdbcTemplate(dataSource)
                    .queryForObject(
                            """
                            SELECT count(*) AS events,
                                   coalesce(sum((convert_from(payload, 'UTF8')::jsonb ->> 'count')::bigint), 0) AS uses
                            FROM domainevententry
                            WHERE payloadtype = 'com.versionforge.token.api.TokenUsedEvent' AND aggregateidentifier = ?
                            """,
                            (row, rowNumber) -> new Uses(row.getLong("events"), row.getLong("uses")),
                            token.tokenId().toString());
        } finally {
            dataSource.destroy();
        }
    }

    private record Uses(long events, long uses) {}
}
