package com.versionforge.token.command.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import com.versionforge.token.api.Scope;
import com.versionforge.token.api.TokenId;
import com.versionforge.token.command.support.FreePorts;
import com.versionforge.token.command.support.MutableClock;
import com.versionforge.token.command.support.TestDatabase;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;

/** The PostgreSQL bucket store, with two limiters standing for two command-side nodes on one database. */
class PostgresRateLimiterIT {

    private static final Instant MID_WINDOW = Instant.parse("2026-12-03T10:15:30Z");
    private static final int CONCURRENT_REQUESTS = 200;

    private static EmbeddedPostgres postgres;
    private static HikariDataSource dataSource;

    private final MutableClock clock = new MutableClock(MID_WINDOW);

    @BeforeAll
    static void startDatabase() throws Exception {
        postgres = EmbeddedPostgres.builder()
                .setDataDirectory(TestDatabase.temporaryDirectory("vf-it-buckets"))
                .setCleanDataDirectory(true)
                .setPort(FreePorts.next())
                .start();
        dataSource = new HikariDataSource();
        dataSource.setJdbcUrl(postgres.getJdbcUrl("postgres", "postgres"));
        dataSource.setUsername("postgres");
        dataSource.setMaximumPoolSize(20);
        String schema = new ClassPathResource("db/command/V2_1__rate_limit_bucket.sql")
                .getContentAsString(StandardCharsets.UTF_8);
        new JdbcTemplate(dataSource).execute(schema);
    }

    @AfterAll
    static void stopDatabase() throws Exception {
        dataSource.close();
        postgres.close();
    }

    @Test
    void twoNodesTogetherPassExactlyTheLimitOfConcurrentRequests() throws Exception {
        TokenId token = TokenId.random();
        List<RateLimiter> nodes = List.of(node(), node());

        List<RateLimit> answers = consumeConcurrently(nodes, token, Scope.SYNC_TRIGGER);

        assertThat(answers.stream().filter(RateLimit::allowed)).hasSize(Scope.SYNC_TRIGGER.requestsPerMinute());
    }

    @Test
    void twoTokensKeepTheirOwnBudgetsInTheSharedStore() throws Exception {
        List<RateLimiter> nodes = List.of(node(), node());
        consumeConcurrently(nodes, TokenId.random(), Scope.ADMIN);

        List<RateLimit> other = consumeConcurrently(nodes, TokenId.random(), Scope.ADMIN);

        assertThat(other.stream().filter(RateLimit::allowed)).hasSize(Scope.ADMIN.requestsPerMinute());
    }

    private RateLimiter node() {
        return new RateLimiter(
                new RateLimitConfiguration().postgresBuckets(dataSource, clock),
                new RateLimitProperties(RateLimitProperties.Store.POSTGRES, Map.of()),
                clock);
    }

    private static List<RateLimit> consumeConcurrently(List<RateLimiter> nodes, TokenId token, Scope scope)
            throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(16);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<RateLimit>> futures = new ArrayList<>();
            for (int i = 0; i < CONCURRENT_REQUESTS; i++) {
                RateLimiter node = nodes.get(i % nodes.size());
                futures.add(threads.submit(() -> {
                    start.await();
                    return node.consume(token, scope);
                }));
            }
            start.countDown();
            List<RateLimit> answers = new ArrayList<>();
            for (Future<RateLimit> future : futures) {
                answers.add(future.get(60, TimeUnit.SECONDS));
            }
            return answers;
        } finally {
            threads.shutdownNow();
        }
    }
}
