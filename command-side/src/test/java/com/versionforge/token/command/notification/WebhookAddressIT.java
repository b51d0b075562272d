package com.versionforge.token.command.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.versionforge.token.api.Scope;
import com.versionforge.token.command.support.ApiClient;
import com.versionforge.token.command.support.ApiClient.Answer;
import com.versionforge.token.command.support.RunningCommandSide;
import com.versionforge.token.command.support.TokenIssuer.IssuedToken;
import com.versionforge.token.command.support.WebhookReceiver;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

/**
 * A webhook cannot make the service call its own network by default: a literal loopback, private or link-local
 * address is refused with the settings, and a host name that resolves to one fails at delivery, before any request.
 */
@TestPropertySource(properties = {"vf.notifications.retry.max-attempts=1", "db-scheduler.polling-interval=250ms"})
class WebhookAddressIT extends RunningCommandSide {

    private static final String SETTINGS = "/api/v1/settings/notifications";
    private static final Duration DELIVERY_TIMEOUT = Duration.ofSeconds(20);

    private static WebhookReceiver webhooks;

    @LocalServerPort
    private int port;

    private ApiClient client;
    private IssuedToken admin;

    @BeforeAll
    static void startReceiver() {
        webhooks = WebhookReceiver.start();
    }

    @AfterAll
    static void stopReceiver() {
        webhooks.close();
    }

    @BeforeEach
    void issueAdmin() {
        client = new ApiClient(port);
        admin = issuer.issue("hooks-" + UUID.randomUUID().toString().substring(0, 8), Scope.ADMIN);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "http://169.254.169.254/latest/meta-data/",
                "http://127.0.0.1:8080/hook",
                "http://0.0.0.0/hook",
                "http://10.1.2.3/hook",
                "http://172.16.0.9/hook",
                "http://192.168.1.20/hook",
                "http://100.64.0.1/hook",
                "http://[::1]/hook",
                "http://[fe80::1]/hook",
                "http://[fd12:3456::1]/hook",
                "http://[::ffff:169.254.169.254]/hook"
            })
    void refusesAWebhookAtALiteralNonPublicAddressAndKeepsTheSettings(String url) {
        Answer answer = client.put(SETTINGS, admin.secret(), "{\"adminEmails\": [], \"webhookUrl\": \"" + url + "\"}");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
        assertThat(answer.code()).isEqualTo("webhook-url-private");
        assertThat(client.get(SETTINGS, admin.secret())
                        .body()
                        .path("webhookUrl")
                        .isNull())
                .as("nothing stored")
                .isTrue();
    }

    @Test
    void acceptsAWebhookAtAPublicAddress() {
        Answer answer = client.put(
                SETTINGS, admin.secret(), "{\"adminEmails\": [], \"webhookUrl\": \"https://93.184.215.14/hook\"}");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body().path("webhookUrl").asText()).isEqualTo("https://93.184.215.14/hook");
    }

    @Test
    void failsTheDeliveryToAHostNameThatResolvesToLoopbackWithoutSendingIt() {
        String byName = webhooks.url("/by-name").replace("127.0.0.1", "localhost");
        Answer settings =
                client.put(SETTINGS, admin.secret(), "{\"adminEmails\": [], \"webhookUrl\": \"" + byName + "\"}");
        String id = client.post(
                        "/api/v1/tokens",
                        admin.secret(),
                        "{\"name\": \"Hooked\", \"scope\": \"read-only\", \"expiresIn\": \"30d\"}")
                .body()
                .path("id")
                .asText();

        client.post("/api/v1/tokens/" + id + "/revoke", admin.secret(), "{}");

        assertThat(settings.status()).as("a name is judged at delivery").isEqualTo(200);
        Map<String, Object> delivery =
                await().atMost(DELIVERY_TIMEOUT).until(() -> deliveryOf(id), row -> "failed".equals(row.get("status")));
        assertThat((String) delivery.get("last_error")).contains("loopback, private or link-local");
        assertThat(webhooks.receivedAt("/by-name")).isEmpty();
    }

    /** The token's one delivery (the webhook: no e-mail is configured), after moving the clock on a second. */
    private Map<String, Object> deliveryOf(String tokenId) {
        // db-scheduler polls by the service's clock, which stands still in this class unless moved.
        clock.advance(Duration.ofSeconds(1));
        return jdbc
                .sql("SELECT status, last_error FROM notification_delivery WHERE token_id = ?")
                .param(UUID.fromString(tokenId))
                .query()
                .listOfRows()
                .stream()
                .findFirst()
                .orElse(Map.of());
    }
}
