package com.versionforge.token.command.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import com.versionforge.token.api.Scope;
import com.versionforge.token.api.TenantId;
import com.versionforge.token.api.TokenExpiredEvent;
import com.versionforge.token.api.TokenId;
import com.versionforge.token.api.TokenNoticeDeliveredEvent;
import com.versionforge.token.api.TokenNoticeDeliveryFailedEvent;
import com.versionforge.token.api.TokenRevokedEvent;
import com.versionforge.token.api.UseTokenCommand;
import com.versionforge.token.command.support.AdminTokens;
import com.versionforge.token.command.support.ApiClient;
import com.versionforge.token.command.support.ApiClient.Answer;
import com.versionforge.token.command.support.FreePorts;
import com.versionforge.token.command.support.MutableClock;
import com.versionforge.token.command.support.WebhookReceiver;
import com.versionforge.token.command.token.TokenCommands;
import com.versionforge.token.command.web.RequestMetadata;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.TimeZone;
import java.util.UUID;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Expiry warnings, expiries and revocations reach the tenant admin by e-mail (GreenMail) and signed webhook (a local
 * HTTP server), once each. The clock is moved days ahead to make deadlines fall due, and the whole class runs with a
 * JVM default time zone of Asia/Kolkata (UTC+05:30) to show that no instant depends on it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class ExpiryNotificationsIT {

    private static final MutableClock CLOCK = MutableClock.running();
    private static final int SMTP_PORT = FreePorts.next();
    private static final int DB_PORT = FreePorts.next();
    private static final Duration DELIVERY_TIMEOUT = Duration.ofSeconds(20);

    private static TimeZone originalTimeZone;
    private static WebhookReceiver webhooks;

    @TempDir
    static Path dataDir;

    @RegisterExtension
    static final GreenMailExtension MAIL = new GreenMailExtension(
                    new ServerSetup(SMTP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP))
            .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication())
            .withPerMethodLifecycle(false);

    @LocalServerPort
    int port;

    @Autowired
    TokenCommands commands;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ObjectMapper objectMapper;

    @Autowired
    EventProcessingConfiguration eventProcessing;

    @Autowired
    NotificationScheduler notificationScheduler;

    @TestConfiguration
    static class MovableTime {

        @Bean
        @Primary
        Clock movableClock() {
            return CLOCK;
        }
    }

    @BeforeAll
    static void runInANonUtcTimeZone() {
        originalTimeZone = TimeZone.getDefault();
        TimeZone.setDefault(TimeZone.getTimeZone("Asia/Kolkata"));
        webhooks = WebhookReceiver.start();
    }

    @AfterAll
    static void restoreTimeZone() {
        webhooks.close();
        TimeZone.setDefault(originalTimeZone);
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add(
                "vf.embedded-postgres.data-dir",
                () -> dataDir.resolve("postgres").toString());
        registry.add("vf.embedded-postgres.port", () -> DB_PORT);
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> SMTP_PORT);
        registry.add("db-scheduler.polling-interval", () -> "250ms");
        registry.add("vf.notifications.retry.first-delay", () -> "200ms");
        registry.add("vf.notifications.retry.max-attempts", () -> "3");
        // The webhook receiver listens on this machine's loopback interface.
        registry.add("vf.notifications.webhook.allow-private-addresses", () -> "true");
        registry.add("vf.notifications.public-url", () -> "https://tokens.example.com");
    }

    @Test
    void warnsOncePerThresholdByMailAndSignedWebhookThenNoticesTheExpiry() throws Exception {
        ApiClient api = new ApiClient(port);
        String admin = admin("notify-a");
        Answer settings = api.put(
                "/api/v1/settings/notifications",
                admin,
                "{\"adminEmails\": [\"ops-a@example.com\"], \"webhookUrl\": \"" + webhooks.url("/a") + "\"}");
        assertThat(settings.status()).isEqualTo(200);
        WebhookSigningSecret secret = WebhookSigningSecret.of(
                settings.body().path("webhookSigningSecret").asText());
        Answer created = api.post(
                "/api/v1/tokens",
                admin,
                "{\"name\": \"Nightly export\", \"scope\": \"read-only\", \"expiresIn\": \"90d\"}");
        assertThat(created.status()).isEqualTo(201);
        TokenId tokenId = TokenId.parse(created.body().path("id").asText());
        String token = created.body().path("token").asText();
        Instant expiresAt = Instant.parse(created.body().path("expiresAt").asText());
        Instant usedAt = CLOCK.instant().truncatedTo(ChronoUnit.SECONDS);
        commands.send(
                new UseTokenCommand(tokenId, 3, usedAt, usedAt, "203.0.113.7", "curl/8.5"),
                RequestMetadata.operator("usage"));
        awaitExpiryProcessOf(tokenId);

        CLOCK.moveForwardTo(expiresAt.minus(Duration.ofDays(14)).plusSeconds(1));

        await().atMost(DELIVERY_TIMEOUT)
                .until(() -> mailsTo("ops-a@example.com").size() == 1);
        await().atMost(DELIVERY_TIMEOUT).until(() -> webhooks.receivedAt("/a").size() == 1);
        MimeMessage warning = mailsTo("ops-a@example.com").get(0);
        assertThat(warning.getSubject()).isEqualTo("VersionForge token \"Nightly export\" expires in 14 days");
        assertThat(GreenMailUtil.getBody(warning))
                .contains("Nightly export", "read-only", expiresAt.toString(), tokenId.toString())
                .contains("https://tokens.example.com/api/v1/tokens/" + tokenId + "/rotate")
                .contains("last used at " + usedAt);
        assertThat(GreenMailUtil.getBody(warning).contains(token))
                .as("the token's secret is not in the mail")
                .isFalse();
        JsonNode warningHook = verifiedBody(webhooks.receivedAt("/a").get(0), secret);
        assertThat(warningHook.path("type").asText()).isEqualTo("token.expiry-warning");
        assertThat(warningHook.path("threshold").asText()).isEqualTo("14d");
        assertThat(warningHook.path("token").path("id").asText()).isEqualTo(tokenId.toString());
        assertThat(warningHook.path("token").path("expiresAt").asText()).isEqualTo(expiresAt.toString());
        assertThat(warningHook.path("token").path("lastUsedAt").asText()).isEqualTo(usedAt.toString());
        await().atMost(DELIVERY_TIMEOUT)
                .until(() ->
                        noticeEvents(tokenId, TokenNoticeDeliveredEvent.class).size() == 2);
        List<JsonNode> delivered = noticeEvents(tokenId, TokenNoticeDeliveredEvent.class);
        JsonNode byMail = delivered.stream()
                .filter(event -> event.path("channel").asText().equals("email"))
                .findFirst()
                .orElseThrow();
        assertThat(byMail.path("notice").asText()).isEqualTo("token.expiry-warning");
        assertThat(byMail.path("threshold").asText()).isEqualTo("14d");
        assertThat(byMail.path("recipientCount").asInt()).isEqualTo(1);
        assertThat(byMail.path("attempts").asInt()).isEqualTo(1);
        assertThat(byMail.toString()).as("no address in the event").doesNotContain("ops-a@example.com");
        JsonNode byWebhook = delivered.stream()
                .filter(event -> event.path("channel").asText().equals("webhook"))
                .findFirst()
                .orElseThrow();
        assertThat(byWebhook.path("webhookOrigin").asText()).isEqualTo(WebhookUrl.origin(webhooks.url("/a")));
        assertThat(byWebhook.toString()).as("no webhook path in the event").doesNotContain("/a\"");

        CLOCK.moveForwardTo(expiresAt.minus(Duration.ofDays(3)).plusSeconds(1));

        await().atMost(DELIVERY_TIMEOUT)
                .until(() -> mailsTo("ops-a@example.com").size() == 2);
        await().atMost(DELIVERY_TIMEOUT).until(() -> webhooks.receivedAt("/a").size() == 2);
        assertThat(mailsTo("ops-a@example.com").get(1).getSubject()).endsWith("expires in 3 days");
        assertThat(verifiedBody(webhooks.receivedAt("/a").get(1), secret)
                        .path("threshold")
                        .asText())
                .isEqualTo("3d");

        CLOCK.moveForwardTo(expiresAt.plusMillis(500));

        assertThat(api.check(token)).as("refused at the instant, by the clock").isEqualTo(401);
        await().atMost(DELIVERY_TIMEOUT)
                .until(() -> mailsTo("ops-a@example.com").size() == 3);
        await().atMost(DELIVERY_TIMEOUT).until(() -> webhooks.receivedAt("/a").size() == 3);
        assertThat(mailsTo("ops-a@example.com").get(2).getSubject()).endsWith("has expired");
        assertThat(verifiedBody(webhooks.receivedAt("/a").get(2), secret)
                        .path("type")
                        .asText())
                .isEqualTo("token.expired");
        assertThat(eventCount(tokenId, TokenExpiredEvent.class)).isEqualTo(1);
        assertThat(api.get("/api/v1/auth/check", token).code()).isEqualTo("token-expired");

        Thread.sleep(2_000);
        assertThat(mailsTo("ops-a@example.com"))
                .as("one mail per notice, no more")
                .hasSize(3);
        assertThat(webhooks.receivedAt("/a"))
                .as("one webhook per notice, no more")
                .hasSize(3);
    }

    @Test
    void refusesAResetAndSendsNothingAgainWhenAnEventIsHandledTwice() throws Exception {
        ApiClient api = new ApiClient(port);
        String admin = admin("notify-twice");
        api.put(
                "/api/v1/settings/notifications",
                admin,
                "{\"adminEmails\": [\"ops-twice@example.com\"], \"webhookUrl\": \"" + webhooks.url("/twice") + "\"}");
        String id = api.post(
                        "/api/v1/tokens",
                        admin,
                        "{\"name\": \"Handled twice\", \"scope\": \"read-only\", \"expiresIn\": \"30d\"}")
                .body()
                .path("id")
                .asText();
        api.post("/api/v1/tokens/" + id + "/revoke", admin, "{\"reason\": \"done\"}");
        await().atMost(DELIVERY_TIMEOUT)
                .until(() -> mailsTo("ops-twice@example.com").size() == 1);
        await().atMost(DELIVERY_TIMEOUT)
                .until(() -> webhooks.receivedAt("/twice").size() == 1);
        assertThat(mailsTo("ops-twice@example.com").get(0).getSubject()).endsWith("was revoked");
        String eventId = jdbc.sql("SELECT eventidentifier FROM domainevententry WHERE aggregateidentifier = ?"
                        + " AND payloadtype = ?")
                .param(id)
                .param(TokenRevokedEvent.class.getName())
                .query(String.class)
                .single();
        TrackingEventProcessor processor = eventProcessing
                .eventProcessor(NotificationScheduler.PROCESSING_GROUP, TrackingEventProcessor.class)
                .orElseThrow();

        processor.shutDown();
        assertThatThrownBy(processor::resetTokens).isInstanceOf(IllegalStateException.class);
        processor.start();
        notificationScheduler.on(
                new TokenRevokedEvent(TokenId.parse(id), new TenantId("notify-twice"), "done", CLOCK.instant()),
                eventId,
                "token:someone");

        Thread.sleep(2_000);
        assertThat(mailsTo("ops-twice@example.com")).hasSize(1);
        assertThat(webhooks.receivedAt("/twice")).hasSize(1);
    }

    @Test
    void recordsAWebhookDeliveryThatKeepsFailingAndReportsItInHealth() {
        ApiClient api = new ApiClient(port);
        String id = revokeAndAwaitFailedWebhook(api, "notify-fail", "/fail-b");
        assertThat(webhooks.receivedAt("/fail-b"))
                .as("every attempt reached the receiver")
                .hasSize(3);
        await().atMost(DELIVERY_TIMEOUT)
                .until(() -> noticeEvents(TokenId.parse(id), TokenNoticeDeliveryFailedEvent.class)
                                .size()
                        == 1);
        JsonNode failed = noticeEvents(TokenId.parse(id), TokenNoticeDeliveryFailedEvent.class)
                .get(0);
        assertThat(failed.path("notice").asText()).isEqualTo("token.revoked");
        assertThat(failed.path("channel").asText()).isEqualTo("webhook");
        assertThat(failed.path("attempts").asInt()).isEqualTo(3);
        assertThat(failed.path("lastError").asText()).isEqualTo("The webhook answered HTTP 500");
        assertThat(noticeEvents(TokenId.parse(id), TokenNoticeDeliveredEvent.class))
                .as("a failed delivery is not also delivered")
                .isEmpty();
        assertThat(webhooks.receivedAt("/fail-b").stream()
                        .map(hook -> hook.header("X-VF-Delivery"))
                        .distinct())
                .as("retries are the same delivery")
                .hasSize(1);
        Answer health = api.get("/actuator/health", null);
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.body().path("status").asText()).isEqualTo("UP");
        assertThat(health.body()
                        .path("components")
                        .path("notifications")
                        .path("status")
                        .asText())
                .isEqualTo("DEGRADED");
    }

    @Test
    void countsARedirectingWebhookAsAFailedDelivery() {
        String id = revokeAndAwaitFailedWebhook(new ApiClient(port), "notify-redirect", "/redirect-c");
        assertThat(webhooks.receivedAt("/elsewhere"))
                .as("the redirect is not followed")
                .isEmpty();
        assertThat(noticeEvents(TokenId.parse(id), TokenNoticeDeliveredEvent.class))
                .as("a redirect is not a delivery")
                .isEmpty();
        assertThat(jdbc.sql("SELECT last_error FROM notification_delivery WHERE token_id = ?")
                        .param(UUID.fromString(id))
                        .query(String.class)
                        .single())
                .isEqualTo("The webhook answered HTTP 302");
    }

    /**
     * Points the tenant's webhook at {@code path} of the receiver, creates and revokes a token, and waits until the
     * revocation notice's delivery has failed for good.
     *
     * @return the revoked token's id
     */
    private String revokeAndAwaitFailedWebhook(ApiClient api, String tenant, String path) {
        String admin = admin(tenant);
        api.put(
                "/api/v1/settings/notifications",
                admin,
                "{\"adminEmails\": [], \"webhookUrl\": \"" + webhooks.url(path) + "\"}");
        String id = api.post(
                        "/api/v1/tokens",
                        admin,
                        "{\"name\": \"Doomed\", \"scope\": \"read-only\", \"expiresIn\": \"30d\"}")
                .body()
                .path("id")
                .asText();

        api.post("/api/v1/tokens/" + id + "/revoke", admin, "{}");

        await().atMost(DELIVERY_TIMEOUT)
                .until(() -> "failed"
                        .equals(jdbc.sql("SELECT status FROM notification_delivery WHERE token_id = ?")
                                .param(UUID.fromString(id))
                                .query(String.class)
                                .optional()
                                .orElse("")));
        return id;
    }

    @Test
    void keepsTheSigningSecretOutOfEveryAnswerButTheOneThatIssuedIt() {
        ApiClient api = new ApiClient(port);
        String admin = admin("notify-settings");
        String settings = "{\"adminEmails\": [\"a@example.com\", \"A@example.com\", \"b@example.com\"],"
                + " \"webhookUrl\": \"https://hooks.example.com/T000/B000/xoxo-path-credential\"}";

        Answer first = api.put("/api/v1/settings/notifications", admin, settings);
        Answer again = api.put("/api/v1/settings/notifications", admin, settings);
        Answer read = api.get("/api/v1/settings/notifications", admin);
        Answer moved = api.put(
                "/api/v1/settings/notifications",
                admin,
                "{\"adminEmails\": [], \"webhookUrl\": \"https://hooks.example.com/other\"}");

        assertThat(first.status()).isEqualTo(200);
        assertThat(first.header("Cache-Control")).contains("no-store");
        String secret = first.body().path("webhookSigningSecret").asText();
        assertThat(secret.matches(WebhookSigningSecret.PREFIX + "[0-9a-f]{64}"))
                .as("a signing secret of 32 random bytes")
                .isTrue();
        assertThat(first.body().path("adminEmails").toString())
                .as("duplicates ignoring case are dropped")
                .isEqualTo("[\"a@example.com\",\"b@example.com\"]");
        assertThat(again.body().has("webhookSigningSecret"))
                .as("same URL, same secret")
                .isFalse();
        assertThat(read.body().has("webhookSigningSecret")).isFalse();
        assertThat(read.body().path("webhookUrl").asText()).endsWith("/xoxo-path-credential");
        assertThat(read.body().path("webhookSigningSecretIssuedAt").asText())
                .isEqualTo(first.body().path("webhookSigningSecretIssuedAt").asText());
        String movedSecret = moved.body().path("webhookSigningSecret").asText();
        assertThat(movedSecret.startsWith(WebhookSigningSecret.PREFIX)).isTrue();
        assertThat(movedSecret.equals(secret)).as("a new URL gets a new secret").isFalse();

        List<String> auditEvents = jdbc.sql("SELECT convert_from(payload, 'UTF8') FROM domainevententry"
                        + " WHERE payloadtype = 'com.versionforge.token.api.NotificationSettingsChangedEvent'")
                .query(String.class)
                .list();
        assertThat(auditEvents).hasSizeGreaterThanOrEqualTo(3);
        assertThat(String.join("\n", auditEvents).contains(secret))
                .as("no signing secret in events")
                .isFalse();
        assertThat(String.join("\n", auditEvents).contains("xoxo-path-credential"))
                .as("no webhook path in events")
                .isFalse();
        assertThat(String.join("\n", auditEvents)).contains("https://hooks.example.com", "notify-settings");
    }

    @Test
    void refusesBadSettingsWithProblemCodes() {
        ApiClient api = new ApiClient(port);
        String admin = admin("notify-refusals");
        String reader = AdminTokens.issue(
                commands,
                new TenantId("notify-refusals"),
                Scope.READ_ONLY,
                CLOCK.instant().plus(Duration.ofDays(300)));
        String path = "/api/v1/settings/notifications";

        assertThat(api.put(path, admin, "{\"adminEmails\": [\"not an address\"]}")
                        .code())
                .isEqualTo("email-invalid");
        assertThat(api.put(path, admin, "{\"adminEmails\": [null]}").code()).isEqualTo("email-invalid");
        assertThat(api.put(path, admin, "{\"adminEmails\": [\"Ops <ops@example.com>\"]}")
                        .code())
                .isEqualTo("email-invalid");
        assertThat(api.put(path, admin, "{\"webhookUrl\": \"ftp://hooks.example.com/x\"}")
                        .code())
                .isEqualTo("webhook-url-invalid");
        assertThat(api.put(path, admin, "{\"webhookUrl\": \"hooks.example.com/x\"}")
                        .code())
                .isEqualTo("webhook-url-invalid");
        assertThat(api.put(path, admin, "{\"webhookUrl\": \"https://user:pw@hooks.example.com/x\"}")
                        .code())
                .isEqualTo("webhook-url-invalid");
        assertThat(api.put(path, admin, "{\"webhookUrl\": \"https://hooks.example.com:99999/x\"}")
                        .code())
                .isEqualTo("webhook-url-invalid");
        assertThat(api.put(path, admin, "{\"webhookUrl\": \"https://hooks.example.com/a b\"}")
                        .code())
                .isEqualTo("webhook-url-invalid");
        assertThat(api.put(path, admin, "{\"adminEmails\": \"ops@example.com\"}")
                        .status())
                .isEqualTo(400);
        assertThat(api.put(path, admin, "{\"surprise\": true}").status()).isEqualTo(400);
        assertThat(api.put(path, reader, "{\"adminEmails\": []}").code()).isEqualTo("insufficient-scope");
        assertThat(api.get(path, reader).code()).isEqualTo("insufficient-scope");
        Answer unchanged = api.get(path, admin);
        assertThat(unchanged.status()).isEqualTo(200);
        assertThat(unchanged.body().path("adminEmails").size()).isZero();
        assertThat(unchanged.body().path("webhookUrl").isNull()).isTrue();
    }

    private String admin(String tenant) {
        return AdminTokens.issue(
                commands, new TenantId(tenant), Scope.ADMIN, CLOCK.instant().plus(Duration.ofDays(365)));
    }

    private void awaitExpiryProcessOf(TokenId tokenId) {
        await().atMost(DELIVERY_TIMEOUT)
                .until(() -> jdbc.sql("SELECT count(*) FROM associationvalueentry WHERE associationvalue = ?")
                                .param(tokenId.toString())
                                .query(Long.class)
                                .single()
                        > 0);
    }

    private long eventCount(TokenId tokenId, Class<?> type) {
        return jdbc.sql("SELECT count(*) FROM domainevententry WHERE aggregateidentifier = ? AND payloadtype = ?")
                .param(tokenId.toString())
                .param(type.getName())
                .query(Long.class)
                .single();
    }

    /** The stored events of one type about a token that the notifier published (they belong to no aggregate). */
    private List<JsonNode> noticeEvents(TokenId tokenId, Class<?> type) {
        return jdbc
                .sql("SELECT convert_from(payload, 'UTF8') FROM domainevententry WHERE payloadtype = ?"
                        + " ORDER BY globalindex")
                .param(type.getName())
                .query(String.class)
                .list()
                .stream()
                .map(this::json)
                .filter(event -> event.path("tokenId").path("value").asText().equals(tokenId.toString()))
                .toList();
    }

    private JsonNode json(String text) {
        try {
            return objectMapper.readTree(text);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private JsonNode verifiedBody(WebhookReceiver.Received hook, WebhookSigningSecret secret) throws Exception {
        String timestamp = hook.header("X-VF-Timestamp");
        assertThat(Long.parseLong(timestamp)).isCloseTo(CLOCK.instant().getEpochSecond(), within(60L));
        assertThat(hook.header("X-VF-Signature")).isEqualTo(secret.sign(timestamp, hook.body()));
        assertThat(hook.header("Content-Type")).startsWith("application/json");
        return objectMapper.readTree(hook.body());
    }

    private static List<MimeMessage> mailsTo(String address) {
        return Arrays.stream(MAIL.getReceivedMessages())
                .filter(message -> isAddressedTo(message, address))
                .toList();
    }

    private static boolean isAddressedTo(MimeMessage message, String address) {
        try {
            Address[] recipients = message.getAllRecipients();
            return recipients != null
                    && Arrays.stream(recipients)
                            .anyMatch(recipient -> recipient.toString().equals(address));
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
