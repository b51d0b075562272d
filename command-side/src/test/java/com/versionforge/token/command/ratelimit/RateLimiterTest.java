package com.versionforge.token.command.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import com.versionforge.token.api.Scope;
import com.versionforge.token.api.TokenId;
import com.versionforge.token.command.support.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class RateLimiterTest {

    private static final TokenId TOKEN = new TokenId(UUID.fromString("5f0c6a9e-1c3b-4a57-9d1e-2b7f3c4d5e6f"));
    private static final TokenId OTHER_TOKEN = new TokenId(UUID.fromString("8a1d2c3b-4e5f-4a6b-8c7d-9e0f1a2b3c4d"));
    private static final Instant WINDOW_START = Instant.parse("2026-12-03T10:15:00Z");
    private static final Instant NEXT_WINDOW = Instant.parse("2026-12-03T10:16:00Z");
    private static final int CONCURRENT_REQUESTS = 200;

    private final MutableClock clock = new MutableClock(WINDOW_START.plusSeconds(30));
    private RateLimiter rateLimiter;
    private ExecutorService threads;

    @BeforeEach
    void setUp() {
        RateLimitConfiguration configuration = new RateLimitConfiguration();
        rateLimiter =
                new RateLimiter(configuration.memoryBuckets(clock), new RateLimitProperties(null, Map.of()), clock);
        threads = Executors.newFixedThreadPool(32);
    }

    @AfterEach
    void tearDown() {
        threads.shutdownNow();
    }

    @ParameterizedTest
    @EnumSource(Scope.class)
    void passesExactlyTheScopesLimitOfConcurrentRequestsInOneWindow(Scope scope) throws Exception {
        List<RateLimit> answers = consumeConcurrently(TOKEN, scope, CONCURRENT_REQUESTS);

        assertThat(answers.stream().filter(RateLimit::allowed)).hasSize(scope.requestsPerMinute());
        assertThat(answers.stream().filter(answer -> !answer.allowed()))
                .hasSize(CONCURRENT_REQUESTS - scope.requestsPerMinute())
                .allSatisfy(refused -> assertThat(refused.remaining()).isZero());
    }

    @Test
    void neverSharesABudgetBetweenTwoTokens() throws Exception {
        consumeConcurrently(TOKEN, Scope.ADMIN, CONCURRENT_REQUESTS);

        List<RateLimit> other = consumeConcurrently(OTHER_TOKEN, Scope.ADMIN, CONCURRENT_REQUESTS);

        assertThat(other.stream().filter(RateLimit::allowed)).hasSize(Scope.ADMIN.requestsPerMinute());
        assertThat(rateLimiter.consume(TOKEN, Scope.ADMIN).allowed()).isFalse();
    }

    @Test
    void countsDownTheRemainingRequests() {
        assertThat(rateLimiter.consume(TOKEN, Scope.SYNC_TRIGGER).remaining()).isEqualTo(59);
        assertThat(rateLimiter.consume(TOKEN, Scope.SYNC_TRIGGER).remaining()).isEqualTo(58);
    }

    @Test
    void startsAFullWindowAtTheMinuteBoundary() {
        clock.set(NEXT_WINDOW.minusSeconds(2));
        exhaust(TOKEN, Scope.ADMIN);

        clock.set(NEXT_WINDOW.minusMillis(1));
        RateLimit lastMillisecond = rateLimiter.consume(TOKEN, Scope.ADMIN);
        clock.set(NEXT_WINDOW);
        RateLimit nextWindow = rateLimiter.consume(TOKEN, Scope.ADMIN);

        assertThat(lastMillisecond.allowed()).isFalse();
        assertThat(nextWindow.allowed()).isTrue();
        assertThat(nextWindow.remaining()).isEqualTo(Scope.ADMIN.requestsPerMinute() - 1);
    }

    @Test
    void neverCarriesUnusedRequestsIntoTheNextWindow() {
        rateLimiter.consume(TOKEN, Scope.ADMIN);

        clock.advance(Duration.ofMinutes(5));

        assertThat(exhaust(TOKEN, Scope.ADMIN)).isEqualTo(Scope.ADMIN.requestsPerMinute());
    }

    @Test
    void retryAfterIsTheWholeSecondsUntilTheNextWindowRoundedUp() {
        exhaust(TOKEN, Scope.ADMIN);

        clock.set(WINDOW_START.plusMillis(30_250));
        RateLimit midWindow = rateLimiter.consume(TOKEN, Scope.ADMIN);
        clock.set(NEXT_WINDOW.minusMillis(1));
        RateLimit lastMillisecond = rateLimiter.consume(TOKEN, Scope.ADMIN);

        assertThat(midWindow.allowed()).isFalse();
        assertThat(midWindow.retryAfterSeconds()).isEqualTo(30);
        assertThat(midWindow.headers().getFirst("Retry-After")).isEqualTo("30");
        assertThat(lastMillisecond.retryAfterSeconds()).isEqualTo(1);
    }

    @Test
    void reportsTheNextWindowsStartInEpochSeconds() {
        RateLimit passed = rateLimiter.consume(TOKEN, Scope.READ_ONLY);

        assertThat(passed.resetEpochSecond()).isEqualTo(NEXT_WINDOW.getEpochSecond());
        assertThat(passed.headers().toSingleValueMap())
                .containsEntry("X-RateLimit-Limit", "120")
                .containsEntry("X-RateLimit-Remaining", "119")
                .containsEntry("X-RateLimit-Reset", Long.toString(NEXT_WINDOW.getEpochSecond()))
                .doesNotContainKey("Retry-After");
    }

    @Test
    void peekingCountsNoRequest() {
        rateLimiter.consume(TOKEN, Scope.SYNC_TRIGGER);

        RateLimit peeked = rateLimiter.peek(TOKEN, Scope.SYNC_TRIGGER);

        assertThat(peeked.remaining()).isEqualTo(59);
        assertThat(rateLimiter.consume(TOKEN, Scope.SYNC_TRIGGER).remaining()).isEqualTo(58);
    }

    @Test
    void appliesAConfiguredLimitInsteadOfTheProducts() {
        RateLimiter configured = new RateLimiter(
                new RateLimitConfiguration().memoryBuckets(clock),
                new RateLimitProperties(null, Map.of("read-only", 5)),
                clock);

        assertThat(configured.consume(TOKEN, Scope.READ_ONLY).limit()).isEqualTo(5);
        assertThat(configured.consume(TOKEN, Scope.ADMIN).limit()).isEqualTo(30);
    }

    private int exhaust(TokenId tokenId, Scope scope) {
        int passed = 0;
        while (rateLimiter.consume(tokenId, scope).allowed()) {
            passed++;
        }
        return passed;
    }

    private List<RateLimit> consumeConcurrently(TokenId tokenId, Scope scope, int requests) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<RateLimit>> futures = new ArrayList<>();
        for (int i = 0; i < requests; i++) {
            futures.add(threads.submit(() -> {
                start.await();
                return rateLimiter.consume(tokenId, scope);
            }));
        }
        start.countDown();
        List<RateLimit> answers = new ArrayList<>();
        for (Future<RateLimit> future : futures) {
            answers.add(future.get(30, TimeUnit.SECONDS));
        }
        return answers;
    }
}
