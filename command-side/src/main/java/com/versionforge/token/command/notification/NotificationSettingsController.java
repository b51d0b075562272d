package com.versionforge.token.command.notification;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.versionforge.token.api.Scope;
import com.versionforge.token.command.auth.Caller;
import com.versionforge.token.command.auth.RequiredScope;
import com.versionforge.token.command.web.RequestMetadata;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.util.List;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Where the caller's tenant receives expiry warnings, expiries and revocations. */
@RestController
@RequestMapping("/api/v1/settings/notifications")
class NotificationSettingsController {

    private final NotificationSettingsService settings;

    NotificationSettingsController(NotificationSettingsService settings) {
        this.settings = settings;
    }

    /** The body of a change: the full settings, replacing the previous ones. */
    record NotificationSettingsRequest(List<String> adminEmails, String webhookUrl) {}

    /**
     * The settings as answered; {@code webhookSigningSecret} appears only in the answer to the change that issued it.
     */
    record NotificationSettingsView(
            List<String> adminEmails,
            String webhookUrl,
            @JsonInclude(JsonInclude.Include.NON_NULL) String webhookSigningSecret,
            Instant webhookSigningSecretIssuedAt,
            Instant updatedAt,
            String updatedBy) {

        static NotificationSettingsView of(NotificationSettings settings, WebhookSigningSecret issuedSecret) {
            return new NotificationSettingsView(
                    settings.adminEmails(),
                    settings.webhookUrl(),
                    issuedSecret == null ? null : issuedSecret.reveal(),
                    settings.webhookSecretIssuedAt(),
                    settings.updatedAt(),
                    settings.updatedBy());
        }
    }

    @Operation(summary = "Where expiry warnings, expiries and revocations of the tenant's tokens are sent")
    @GetMapping
    @RequiredScope(Scope.ADMIN)
    ResponseEntity<NotificationSettingsView> get(Caller caller) {
        return ResponseEntity.ok()
                .cacheControl(CacheControl.noStore())
                .body(NotificationSettingsView.of(settings.find(caller.tenantId()), null));
    }

    @Operation(
            summary = "Replace the notification settings; a new webhook URL comes with a new signing secret, shown only"
                    + " in this answer")
    @PutMapping
    @RequiredScope(Scope.ADMIN)
    ResponseEntity<NotificationSettingsView> put(
            @RequestBody NotificationSettingsRequest body, Caller caller, HttpServletRequest request) {
        NotificationSettingsService.Change change = settings.change(
                caller.tenantId(), body.adminEmails(), body.webhookUrl(), RequestMetadata.of(request, caller.actor()));

        return ResponseEntity.ok()
                .cacheControl(CacheControl.noStore())
                .body(NotificationSettingsView.of(change.settings(), change.issuedSecret()));
    }
}
