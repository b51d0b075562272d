package com.versionforge.token.command.credential;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.versionforge.token.api.CreateTokenCommand;
import com.versionforge.token.api.RevokeTokenCommand;
import com.versionforge.token.api.Scope;
import com.versionforge.token.api.TenantId;
import com.versionforge.token.api.TokenId;
import com.versionforge.token.api.TokenName;
import com.versionforge.token.command.support.Http;
import com.versionforge.token.command.support.TestDatabase;
import com.versionforge.token.command.token.TokenCommands;
import com.versionforge.token.command.web.RequestMetadata;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The credential cache with a TTL far longer than any test: only the PostgreSQL notification sent in the revoke's
 * transaction can make a cached token fail, as it must on a node other than the one that revoked it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "vf.credential-cache.ttl=10m")
class CredentialChangeNotificationIT {

    private static final TenantId TENANT = new TenantId("acme");
    private static final String CHECK = "/api/v1/auth/check";

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

    @Test
    void evictsACachedTokenAsSoonAsItsRevokeCommits() {
        Http http = new Http(port);
        TokenSecret secret = TokenSecret.generate();
        TokenId tokenId = create(secret);
        assertThat(http.get(CHECK, "Authorization", "Bearer " + secret.reveal()).statusCode())
                .isEqualTo(200);

        // The command, not the REST call, which would wait out the cache's TTL before returning.
        commands.send(new RevokeTokenCommand(tokenId, TENANT, "test"), RequestMetadata.operator("revoke"));

        await().atMost(Duration.ofSeconds(3))
                .pollInterval(Duration.ofMillis(20))
                .until(() -> http.get(CHECK, "Authorization", "Bearer " + secret.reveal())
                                .statusCode()
                        == 401);
    }

    @Test
    void neverCachesAnUnknownToken() {
        Http http = new Http(port);
        TokenSecret secret = TokenSecret.generate();
        assertThat(http.get(CHECK, "Authorization", "Bearer " + secret.reveal()).statusCode())
                .isEqualTo(401);

        create(secret);

        assertThat(http.get(CHECK, "Authorization", "Bearer " + secret.reveal()).statusCode())
                .isEqualTo(200);
    }

    private TokenId create(TokenSecret secret) {
        TokenId tokenId = TokenId.random();
        commands.send(
                new CreateTokenCommand(
                        tokenId,
                        TENANT,
                        new TokenName("cached " + UUID.randomUUID()),
                        Scope.READ_ONLY,
                        Scope.ADMIN,
                        secret.digest(),
                        secret.hint(),
                        clock.instant().plus(Duration.ofDays(30))),
                RequestMetadata.operator("create"));
        return tokenId;
    }
}
