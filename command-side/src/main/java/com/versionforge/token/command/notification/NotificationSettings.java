package com.versionforge.token.command.notification;

import com.versionforge.token.api.TenantId;
import java.time.Instant;
import java.util.List;

/**
 * Where a tenant's notices go; the webhook signing secret is not part of it, see
 * {@link NotificationSettingsRepository}.
 *
 * @param tenantId the tenant
 * @param adminEmails addresses for notices by e-mail, possibly empty
 * @param webhookUrl where notices are POSTed, or null
 * @param webhookSecretIssuedAt when the current signing secret was issued, or null without a webhook
 * @param updatedAt when the settings last changed
 * @param updatedBy who changed them
 */
record NotificationSettings(
        TenantId tenantId,
        List<String> adminEmails,
        String webhookUrl,
        Instant webhookSecretIssuedAt,
        Instant updatedAt,
        String updatedBy) {

    NotificationSettings {
        adminEmails = List.copyOf(adminEmails);
    }

    /** The settings of a tenant that never set any: notices go nowhere. */
    static NotificationSettings none(TenantId tenantId) {
        return new NotificationSettings(tenantId, List.of(), null, null, null, null);
    }
}
