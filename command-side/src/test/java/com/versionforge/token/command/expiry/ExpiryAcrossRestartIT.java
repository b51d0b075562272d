package com.versionforge.token.command.expiry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.versionforge.token.api.CreateTokenCommand;
import com.versionforge.token.api.Scope;
import com.versionforge.token.api.TenantId;
import com.versionforge.token.api.TokenExpiredEvent;
import com.versionforge.token.api.TokenId;
import com.versionforge.token.api.TokenName;
import com.versionforge.token.command.CommandSideApplication;
import com.versionforge.token.command.credential.TokenSecret;
import com.versionforge.token.command.support.FreePorts;
import com.versionforge.token.command.token.TokenCommands;
import com.versionforge.token.command.web.RequestMetadata;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A deadline is data in PostgreSQL, not a timer in memory: one that falls due while the service is down fires once,
 * right after the next start on the same data.
 */
class ExpiryAcrossRestartIT {

    private static final Duration LIFETIME = Duration.ofSeconds(6);

    @TempDir
    Path dataDir;

    private final int dbPort = FreePorts.next();

    @Test
    void firesADeadlineThatFellDueWhileTheServiceWasDownExactlyOnceAfterTheRestart() throws Exception {
        TokenId tokenId = TokenId.random();
        Instant expiresAt;
        try (ConfigurableApplicationContext service = start()) {
            TokenSecret secret = TokenSecret.generate();
            expiresAt = Instant.now().plus(LIFETIME);
            service.getBean(TokenCommands.class)
                    .send(
                            new CreateTokenCommand(
                                    tokenId,
                                    new TenantId("restart"),
                                    new TokenName("Short-lived"),
                                    Scope.READ_ONLY,
                                    Scope.ADMIN,
                                    secret.digest(),
                                    secret.hint(),
                                    expiresAt),
                            RequestMetadata.operator(UUID.randomUUID().toString()));
            JdbcClient jdbc = service.getBean(JdbcClient.class);
            await().atMost(Duration.ofSeconds(10)).until(() -> pendingDeadlines(jdbc) == 1);
            assertThat(expiredEvents(jdbc, tokenId)).isZero();
        }

        Thread.sleep(Math.max(0, Duration.between(Instant.now(), expiresAt).toMillis()) + 1_000);

        try (ConfigurableApplicationContext service = start()) {
            JdbcClient jdbc = service.getBean(JdbcClient.class);

            await().atMost(Duration.ofSeconds(10)).until(() -> expiredEvents(jdbc, tokenId) == 1);
            Thread.sleep(2_000);
            assertThat(expiredEvents(jdbc, tokenId)).as("fired exactly once").isEqualTo(1);
            assertThat(pendingDeadlines(jdbc)).isZero();
            assertThat(jdbc.sql("SELECT status FROM token_credential WHERE token_id = ?")
                            .param(tokenId.value())
                            .query(String.class)
                            .single())
                    .isEqualTo("expired");
        }
    }

    private ConfigurableApplicationContext start() {
        return new SpringApplicationBuilder(CommandSideApplication.class)
                .run(
                        "--server.port=0",
                        "--vf.embedded-postgres.data-dir=" + dataDir.resolve("postgres"),
                        "--vf.embedded-postgres.port=" + dbPort,
                        "--db-scheduler.polling-interval=250ms");
    }

    private static long pendingDeadlines(JdbcClient jdbc) {
        return jdbc.sql("SELECT count(*) FROM scheduled_tasks WHERE task_name = 'AxonDeadline'")
                .query(Long.class)
                .single();
    }

    private static long expiredEvents(JdbcClient jdbc, TokenId tokenId) {
        return jdbc.sql("SELECT count(*) FROM domainevententry WHERE aggregateidentifier = ? AND payloadtype = ?")
                .param(tokenId.toString())
                .param(TokenExpiredEvent.class.getName())
                .query(Long.class)
                .single();
    }
}
