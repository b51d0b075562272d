package com.versionforge.token.command.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.versionforge.token.api.Scope;
import com.versionforge.token.api.TenantId;
import com.versionforge.token.command.support.Http;
import com.versionforge.token.command.support.TestDatabase;
import com.versionforge.token.command.support.TestTokens;
import com.versionforge.token.command.support.TestTokens.IssuedToken;
import com.versionforge.token.command.token.TokenCommands;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.RepeatedTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Many threads check one token while an admin revokes it: no check that started after the revoke call returned may
 * pass. Subclasses set up the credential cache in the ways that matter.
 */
abstract class RevocationRace {

    private static final TenantId TENANT = new TenantId("acme");
    private static final int CHECKERS = 16;
    private static final long CHECKING_BEFORE_REVOKE_MILLIS = 1_000;
    private static final long CHECKING_AFTER_REVOKE_MILLIS = 1_000;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabase.register(registry);
    }

    @LocalServerPort
    int port;

    @Autowired
    TokenCommands commands;

    @Autowired
    Clock clock;

    @RepeatedTest(3)
    void noCheckStartedAfterTheRevokeReturnedPasses() throws Exception {
        TestTokens tokens = new TestTokens(commands);
        IssuedToken admin = tokens.issue(TENANT, Scope.ADMIN, clock.instant());
        IssuedToken raced = tokens.issue(TENANT, Scope.READ_ONLY, clock.instant());
        Http http = new Http(port);
        Queue<Check> checks = new ConcurrentLinkedQueue<>();
        AtomicBoolean checking = new AtomicBoolean(true);
        ExecutorService threads = Executors.newFixedThreadPool(CHECKERS);

        long revokeReturned;
        int revokeStatus;
        try {
            List<Future<?>> checkers = new ArrayList<>();
            for (int i = 0; i < CHECKERS; i++) {
                checkers.add(threads.submit(() -> {
                    while (checking.get()) {
                        long startedAt = System.nanoTime();
                        int status = http.get("/api/v1/auth/check", "Authorization", raced.bearer())
                                .statusCode();
                        checks.add(new Check(startedAt, status));
                    }
                }));
            }
            Thread.sleep(CHECKING_BEFORE_REVOKE_MILLIS);
            revokeStatus = http.postJson(
                            "/api/v1/tokens/" + raced.tokenId() + "/revoke",
                            "{\"reason\": \"race\"}",
                            "Authorization",
                            admin.bearer())
                    .statusCode();
            revokeReturned = System.nanoTime();
            Thread.sleep(CHECKING_AFTER_REVOKE_MILLIS);
            checking.set(false);
            for (Future<?> checker : checkers) {
                checker.get(30, TimeUnit.SECONDS);
            }
        } finally {
            threads.shutdownNow();
        }

        List<Check> before =
                checks.stream().filter(c -> c.startedAt() < revokeReturned).toList();
        List<Check> after =
                checks.stream().filter(c -> c.startedAt() > revokeReturned).toList();
        assertThat(revokeStatus).isEqualTo(200);
        assertThat(before).as("checks before the revoke returned").anyMatch(c -> c.status() == 200);
        assertThat(after).as("checks started after the revoke returned").isNotEmpty();
        assertThat(after.stream().filter(c -> c.status() != 401))
                .as("checks started after the revoke returned that were not refused with 401")
                .isEmpty();
    }

    private record Check(long startedAt, int status) {}
}
