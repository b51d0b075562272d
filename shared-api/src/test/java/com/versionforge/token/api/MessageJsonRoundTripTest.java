package com.versionforge.token.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every message survives the Jackson serializer that Axon uses for commands, events and the event store. */
class MessageJsonRoundTripTest {

    private static final TokenId TOKEN = new TokenId(UUID.fromString("1b4e28ba-2fa1-11d2-883f-0016d3cca427"));
    private static final TenantId TENANT = new TenantId("acme");
    private static final TokenId SUCCESSOR = new TokenId(UUID.fromString("6f1c2d3e-4b5a-4c6d-8e7f-901a2b3c4d5e"));
    private static final TokenName NAME = new TokenName("CI/CD Pipeline - Production");
    private static final SecretDigest DIGEST = new SecretDigest("ab".repeat(32));
    private static final Instant NOW = Instant.parse("2026-12-03T10:15:30.123456Z");
    private static final Instant LATER = Instant.parse("2027-03-03T00:00:00Z");

    private final ObjectMapper mapper = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    static Stream<Object> messages() {
        return Stream.of(
                new CreateTokenCommand(TOKEN, TENANT, NAME, Scope.SYNC_TRIGGER, Scope.ADMIN, DIGEST, "x9Zq", LATER),
                new UseTokenCommand(TOKEN, 42, NOW, NOW.plusSeconds(59), "203.0.113.7", "curl/8.5"),
                new UseTokenCommand(TOKEN, 1, NOW, NOW, null, null),
                new RevokeTokenCommand(TOKEN, TENANT, "leaked in a build log"),
                new RevokeTokenCommand(TOKEN, TENANT, null),
                new ExpireTokenCommand(TOKEN),
                new TokenCreatedEvent(TOKEN, TENANT, NAME, Scope.READ_ONLY, DIGEST, "x9Zq", NOW, LATER),
                new TokenUsedEvent(TOKEN, TENANT, 42, NOW, NOW.plusSeconds(59), "2001:db8::1", "Datadog/7"),
                new TokenRevokedEvent(TOKEN, TENANT, "rotated", NOW),
                new TokenExpiredEvent(TOKEN, TENANT, LATER),
                new RotateTokenCommand(TOKEN, TENANT, SUCCESSOR, Scope.ADMIN, LATER),
                new RotateTokenCommand(TOKEN, TENANT, SUCCESSOR, Scope.ADMIN, null),
                new TokenRotatedEvent(TOKEN, TENANT, SUCCESSOR, NOW, LATER),
                new TokenRotatedEvent(TOKEN, TENANT, SUCCESSOR, NOW, null),
                new IssueExpiryWarningCommand(TOKEN, "14d"),
                new TokenExpiryWarningIssuedEvent(TOKEN, TENANT, "3d", NOW, LATER),
                new NotificationSettingsChangedEvent(
                        TENANT, List.of("ops@example.com"), "https://hooks.example.com", true, NOW),
                new NotificationSettingsChangedEvent(TENANT, List.of(), null, false, NOW),
                new RecordRefusedUseCommand(TOKEN, TokenStatus.REVOKED, 7, NOW, NOW.plusSeconds(42), "203.0.113.9"),
                new RecordRefusedUseCommand(TOKEN, TokenStatus.EXPIRED, 1, NOW, NOW, null),
                new TokenRefusedUseRecordedEvent(
                        TOKEN, TENANT, TokenStatus.REVOKED, 7, NOW, NOW.plusSeconds(42), "2001:db8::7"),
                new TokenRefusedUseRecordedEvent(TOKEN, TENANT, TokenStatus.EXPIRED, 1, NOW, NOW, null),
                new TokenNoticeDeliveredEvent(TOKEN, TENANT, "token.expiry-warning", "email", "14d", 2, null, 1, NOW),
                new TokenNoticeDeliveredEvent(
                        TOKEN, TENANT, "token.revoked", "webhook", null, 1, "https://hooks.example.com", 3, NOW),
                new TokenNoticeDeliveryFailedEvent(
                        TOKEN, TENANT, "token.expired", "webhook", null, 3, "The webhook answered HTTP 500", NOW),
                new TokenNoticeDeliveryFailedEvent(TOKEN, TENANT, "token.expiry-warning", "email", "3d", 1, null, NOW));
    }

    @ParameterizedTest
    @MethodSource("messages")
    void survivesJsonRoundTrip(Object message) throws Exception {
        String json = mapper.writeValueAsString(message);

        Object read = mapper.readValue(json, message.getClass());

        assertThat(read).isEqualTo(message);
    }
}
