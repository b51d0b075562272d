package com.versionforge.token.command.notification;

import com.versionforge.token.api.ExpiryWarningThreshold;
import com.versionforge.token.api.TokenId;
import com.versionforge.token.command.credential.Credential;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one notice tells the tenant admin, in words for e-mail and as a JSON document for webhooks. It names the token
 * by id, name, scope and 4-character hint, never by its secret.
 *
 * @param delivery the delivery that carries it
 * @param token the token as the command side knows it now
 * @param lastUsedAt the token's last use, or null when unknown
 * @param rotatedTo the token's successor, or null
 * @param publicUrl the address of this service as admins reach it
 */
record TokenNotice(
        NotificationDelivery delivery, Credential token, Instant lastUsedAt, TokenId rotatedTo, String publicUrl) {

    String subject() {
        return switch (delivery.kind()) {
            case EXPIRY_WARNING -> "VersionForge token \"" + token.name() + "\" expires in " + warningSpan();
            case EXPIRED -> "VersionForge token \"" + token.name() + "\" has expired";
            case REVOKED -> "VersionForge token \"" + token.name() + "\" was revoked";
        };
    }

    String text() {
        StringBuilder text = new StringBuilder();
        text.append("The API token \"")
                .append(token.name())
                .append("\" of tenant ")
                .append(token.tenantId())
                .append(" (id ")
                .append(token.tokenId())
                .append(", scope ")
                .append(token.scope().wireName())
                .append(", ending in ")
                .append(token.tokenHint())
                .append(")\n");
        switch (delivery.kind()) {
            case EXPIRY_WARNING ->
                text.append("expires at ")
                        .append(token.expiresAt())
                        .append(", in ")
                        .append(warningSpan())
                        .append(". From that instant on, every request with it is refused.\n");
            case EXPIRED ->
                text.append("expired at ").append(token.expiresAt()).append(". Every request with it is refused.\n");
            case REVOKED ->
                text.append("was revoked at ")
                        .append(delivery.occurredAt())
                        .append(delivery.actor() == null ? "" : " by " + delivery.actor())
                        .append(delivery.reason() == null ? "" : " (reason: " + delivery.reason() + ")")
                        .append(". Every request with it is refused. It would have expired at ")
                        .append(token.expiresAt())
                        .append(".\n");
        }
        if (lastUsedAt != null) {
            text.append("It was last used at ").append(lastUsedAt).append(".\n");
        }
        if (rotatedTo != null) {
            text.append("It has been rotated: its successor is token ")
                    .append(rotatedTo)
                    .append(".\n");
        }
        text.append('\n').append(delivery.kind() == NoticeKind.EXPIRY_WARNING ? howToRotate() : howToReplace());
        return text.toString();
    }

    /** The webhook body; the receiver deduplicates on {@code id}, which is the same for every retry. */
    Map<String, Object> document() {
        Map<String, Object> tokenFields = new LinkedHashMap<>();
        tokenFields.put("id", token.tokenId().toString());
        tokenFields.put("name", token.name());
        tokenFields.put("scope", token.scope().wireName());
        tokenFields.put("tokenHint", token.tokenHint());
        tokenFields.put("expiresAt", token.expiresAt());
        tokenFields.put("lastUsedAt", lastUsedAt);
        tokenFields.put("rotatedTo", rotatedTo == null ? null : rotatedTo.toString());

        Map<String, Object> document = new LinkedHashMap<>();
        document.put("id", delivery.eventId());
        document.put("type", delivery.kind().wireName());
        document.put("occurredAt", delivery.occurredAt());
        document.put("tenantId", delivery.tenantId());
        document.put("token", tokenFields);
        switch (delivery.kind()) {
            case EXPIRY_WARNING -> {
                document.put("threshold", delivery.threshold());
                document.put("rotateUrl", rotateUrl());
            }
            case EXPIRED -> {}
            case REVOKED -> {
                document.put("reason", delivery.reason());
                document.put("revokedBy", delivery.actor());
            }
        }
        return document;
    }

    private String warningSpan() {
        return ExpiryWarningThreshold.fromWireName(delivery.threshold())
                .map(threshold -> threshold.beforeExpiry().toDays() + " days")
                .orElse("less than "
                        + ExpiryWarningThreshold.FOURTEEN_DAYS.beforeExpiry().toDays() + " days");
    }

    private String rotateUrl() {
        return publicUrl + "/api/v1/tokens/" + token.tokenId() + "/rotate";
    }

    private String howToRotate() {
        return """
                To rotate it without downtime, create its successor (same name and scope) and give this token a grace
                period during which both work; then switch your clients to the new token, shown once in the answer:

                  curl -X POST %s \\
                    -H "Authorization: Bearer $ADMIN" -H 'Content-Type: application/json' \\
                    -d '{"expiresIn": "90d", "gracePeriod": "P7D"}'
                """.formatted(rotateUrl());
    }

    private String howToReplace() {
        return """
                A token that is no longer active cannot be rotated. If it is still needed, create a new one:

                  curl -X POST %s/api/v1/tokens \\
                    -H "Authorization: Bearer $ADMIN" -H 'Content-Type: application/json' \\
                    -d '{"name": "<name>", "scope": "%s", "expiresIn": "90d"}'
                """.formatted(publicUrl, token.scope().wireName());
    }
}
