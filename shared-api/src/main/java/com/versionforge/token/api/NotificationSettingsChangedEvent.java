package com.versionforge.token.api;

import java.time.Instant;
import java.util.List;
import org.axonframework.serialization.Revision;

/**
 * A tenant changed where its token notices (expiry warnings, expiries, revocations) go. Who changed it travels in the
 * {@link AuditMetadata#ACTOR} metadata. It never carries the webhook signing secret, nor the webhook URL's path and
 * query, which some receivers use as a credential.
 *
 * @param tenantId the tenant
 * @param adminEmails the addresses that receive notices by e-mail, possibly empty, never null
 * @param webhookOrigin scheme, host and port of the webhook, or null when notices are not sent by webhook
 * @param webhookSecretIssued whether a new webhook signing secret was issued with this change
 * @param changedAt when
 */
@Revision("1")
public record NotificationSettingsChangedEvent(
        TenantId tenantId,
        List<String> adminEmails,
        String webhookOrigin,
        boolean webhookSecretIssued,
        Instant changedAt)
        implements TenantEvent {

    public NotificationSettingsChangedEvent {
        adminEmails = adminEmails == null ? List.of() : List.copyOf(adminEmails);
    }
}
