package com.versionforge.token.command.token;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import com.versionforge.token.api.CreateTokenCommand;
import com.versionforge.token.api.ExpireTokenCommand;
import com.versionforge.token.api.ExpiryWarningThreshold;
import com.versionforge.token.api.IssueExpiryWarningCommand;
import com.versionforge.token.api.RecordRefusedUseCommand;
import com.versionforge.token.api.RevokeTokenCommand;
import com.versionforge.token.api.RotateTokenCommand;
import com.versionforge.token.api.Scope;
import com.versionforge.token.api.TenantId;
import com.versionforge.token.api.TokenCreatedEvent;
import com.versionforge.token.api.TokenErrorCode;
import com.versionforge.token.api.TokenExpiredEvent;
import com.versionforge.token.api.TokenExpiryWarningIssuedEvent;
import com.versionforge.token.api.TokenId;
import com.versionforge.token.api.TokenRefusedUseRecordedEvent;
import com.versionforge.token.api.TokenRevokedEvent;
import com.versionforge.token.api.TokenRotatedEvent;
import com.versionforge.token.api.TokenRuleViolationException;
import com.versionforge.token.api.TokenStatus;
import com.versionforge.token.api.TokenUsedEvent;
import com.versionforge.token.api.UseTokenCommand;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.serialization.Revision;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * One API token of one tenant: it is created with a mandatory expiry, used while active and before that expiry, warned
 * about before that expiry, possibly handed over to a successor, and ends for good either revoked (by an admin, or at
 * the end of a rotation's grace period) or expired at its expiry instant.
 */
@Aggregate(snapshotTriggerDefinition = "apiTokenSnapshotTrigger")
// The snapshot's form: raise it whenever a field is added, removed or changes meaning. Axon then ignores snapshots of
// any other revision and sources the token from its events, so no node reads a snapshot written by another release
// (a rolling deploy, or a rollback). Revision 2 added graceEndsAt.
@Revision("2")
// Snapshots are written by Jackson from the fields, which have no getters.
@JsonAutoDetect(
        fieldVisibility = Visibility.ANY,
        getterVisibility = Visibility.NONE,
        isGetterVisibility = Visibility.NONE)
public class ApiToken {

    /** The longest revocation reason kept in the audit trail, in characters; the REST layer refuses longer ones. */
    public static final int MAX_REVOKE_REASON_LENGTH = 500;

    private static final int TOKEN_HINT_LENGTH = 4;

    @AggregateIdentifier
    private TokenId tokenId;

    private TenantId tenantId;
    private Scope scope;
    private TokenStatus status;
    private Instant expiresAt;
    private TokenId successorId;
    private Instant graceEndsAt;
    private Set<ExpiryWarningThreshold> issuedWarnings = EnumSet.noneOf(ExpiryWarningThreshold.class);

    protected ApiToken() {
        // Axon rebuilds the token from its events.
    }

    @CommandHandler
    public ApiToken(CreateTokenCommand command, TokenLifetimePolicy lifetimePolicy) {
        Objects.requireNonNull(command.tenantId(), "tenant id");
        Objects.requireNonNull(command.name(), "name");
        Objects.requireNonNull(command.scope(), "scope");
        Objects.requireNonNull(command.issuerScope(), "issuer scope");
        Objects.requireNonNull(command.secretDigest(), "secret digest");
        if (command.tokenHint() == null || command.tokenHint().length() != TOKEN_HINT_LENGTH) {
            throw new IllegalArgumentException("A token hint is " + TOKEN_HINT_LENGTH + " characters");
        }
        if (command.expiresAt() == null) {
            throw new TokenRuleViolationException(TokenErrorCode.EXPIRY_REQUIRED, "A token needs an expiry");
        }
        Instant now = lifetimePolicy.now();
        if (!command.expiresAt().isAfter(now)) {
            throw new TokenRuleViolationException(TokenErrorCode.EXPIRY_INVALID, "The expiry must be in the future");
        }
        if (command.expiresAt().isAfter(lifetimePolicy.latestExpiryFor(now))) {
            throw new TokenRuleViolationException(
                    TokenErrorCode.EXPIRY_INVALID,
                    "A token lives at most " + lifetimePolicy.maximumLifetime().toDays() + " days");
        }
        if (!command.issuerScope().includes(command.scope())) {
            throw new TokenRuleViolationException(
                    TokenErrorCode.SCOPE_ABOVE_CALLER, "A token cannot be given a scope above the caller's own");
        }

        apply(new TokenCreatedEvent(
                command.tokenId(),
                command.tenantId(),
                command.name(),
                command.scope(),
                command.secretDigest(),
                command.tokenHint(),
                now,
                command.expiresAt()));
    }

    @CommandHandler
    public void handle(UseTokenCommand command) {
        if (command.count() < 1) {
            throw new IllegalArgumentException("A use stands for at least one passed check");
        }
        Objects.requireNonNull(command.firstUsedAt(), "first use");
        Objects.requireNonNull(command.lastUsedAt(), "last use");
        if (command.firstUsedAt().isAfter(command.lastUsedAt())) {
            throw new IllegalArgumentException("The first use of a window cannot follow its last");
        }
        // The use time, not the clock: coalesced uses arrive up to a window late, and what counts is when they passed.
        if (status != TokenStatus.ACTIVE || !command.lastUsedAt().isBefore(endOfValidity())) {
            throw new TokenRuleViolationException(TokenErrorCode.TOKEN_NOT_ACTIVE, "The token is not active");
        }

        apply(new TokenUsedEvent(
                tokenId,
                tenantId,
                command.count(),
                command.firstUsedAt(),
                command.lastUsedAt(),
                command.lastClientIp(),
                command.lastUserAgent()));
    }

    @CommandHandler
    public void handle(RevokeTokenCommand command, TokenLifetimePolicy lifetimePolicy) {
        // Another tenant must not learn that the token exists, so it gets the answer for a missing one.
        if (!tenantId.equals(command.tenantId())) {
            throw new TokenRuleViolationException(TokenErrorCode.TOKEN_NOT_FOUND, "No such token");
        }
        String reason = command.reason();
        if (reason != null && reason.codePointCount(0, reason.length()) > MAX_REVOKE_REASON_LENGTH) {
            throw new IllegalArgumentException(
                    "A revocation reason has at most " + MAX_REVOKE_REASON_LENGTH + " characters");
        }
        Instant now = lifetimePolicy.now();
        // Past its expiry instant a token is expired, whether or not its expiry has been recorded yet.
        if (status != TokenStatus.ACTIVE || !now.isBefore(expiresAt)) {
            throw new TokenRuleViolationException(TokenErrorCode.TOKEN_NOT_ACTIVE, "The token is not active");
        }

        apply(new TokenRevokedEvent(tokenId, tenantId, reason, now));
    }

    @CommandHandler
    public void handle(ExpireTokenCommand command, TokenLifetimePolicy lifetimePolicy) {
        if (status != TokenStatus.ACTIVE) {
            throw new TokenRuleViolationException(TokenErrorCode.TOKEN_NOT_ACTIVE, "The token is not active");
        }
        Instant now = lifetimePolicy.now();
        if (now.isBefore(expiresAt)) {
            throw new TokenRuleViolationException(
                    TokenErrorCode.EXPIRY_NOT_REACHED, "The token's expiry instant has not come yet");
        }

        apply(new TokenExpiredEvent(tokenId, tenantId, now));
    }

    @CommandHandler
    public void handle(RotateTokenCommand command, TokenLifetimePolicy lifetimePolicy) {
        if (!tenantId.equals(command.tenantId())) {
            throw new TokenRuleViolationException(TokenErrorCode.TOKEN_NOT_FOUND, "No such token");
        }
        Objects.requireNonNull(command.successorId(), "successor id");
        Objects.requireNonNull(command.issuerScope(), "issuer scope");
        if (command.successorId().equals(tokenId)) {
            throw new IllegalArgumentException("A token cannot succeed itself");
        }
        Instant now = lifetimePolicy.now();
        if (status != TokenStatus.ACTIVE || !now.isBefore(expiresAt)) {
            throw new TokenRuleViolationException(TokenErrorCode.TOKEN_NOT_ACTIVE, "The token is not active");
        }
        if (successorId != null) {
            throw new TokenRuleViolationException(
                    TokenErrorCode.TOKEN_ALREADY_ROTATED, "The token already has a successor; rotate that one");
        }
        if (!command.issuerScope().includes(scope)) {
            throw new TokenRuleViolationException(
                    TokenErrorCode.SCOPE_ABOVE_CALLER, "A token cannot be rotated by a caller of a lower scope");
        }
        // A grace period of a second may be over by the time a slow request gets here: that is bad input, not a fault.
        if (command.graceEndsAt() != null && !command.graceEndsAt().isAfter(now)) {
            throw new TokenRuleViolationException(
                    TokenErrorCode.GRACE_PERIOD_INVALID, "The grace period was over before the rotation was made");
        }

        apply(new TokenRotatedEvent(tokenId, tenantId, command.successorId(), now, command.graceEndsAt()));
    }

    /**
     * Issues a warning only when it still tells the admin something: the token is active, not yet handed over to a
     * successor, not yet warned at this threshold, not yet expired, and no nearer warning is already due (after an
     * outage, only the nearest warning is sent, never a burst). Otherwise the command changes nothing and succeeds,
     * because the expiry process sends it once per threshold and a refusal would only make it retry.
     */
    @CommandHandler
    public void handle(IssueExpiryWarningCommand command, TokenLifetimePolicy lifetimePolicy) {
        ExpiryWarningThreshold threshold = ExpiryWarningThreshold.fromWireName(command.threshold())
                .orElseThrow(() -> new IllegalArgumentException("Unknown expiry warning threshold"));
        Instant now = lifetimePolicy.now();
        if (status != TokenStatus.ACTIVE || successorId != null || issuedWarnings.contains(threshold)) {
            return;
        }
        if (!now.isBefore(expiresAt) || nearerWarningDue(threshold, now)) {
            return;
        }

        apply(new TokenExpiryWarningIssuedEvent(tokenId, tenantId, threshold.wireName(), now, expiresAt));
    }

    private boolean nearerWarningDue(ExpiryWarningThreshold threshold, Instant now) {
        return Arrays.stream(ExpiryWarningThreshold.values())
                .filter(other -> other.beforeExpiry().compareTo(threshold.beforeExpiry()) < 0)
                .anyMatch(nearer -> !now.isBefore(nearer.dueAt(expiresAt)));
    }

    /**
     * Records that a token which no longer works is still being presented. It changes nothing in the token: a revoked
     * or expired token stays so, and only the audit trail needs to know.
     */
    @CommandHandler
    public void handle(RecordRefusedUseCommand command) {
        if (command.count() < 1) {
            throw new IllegalArgumentException("A refused use stands for at least one refused check");
        }
        Objects.requireNonNull(command.firstRefusedAt(), "first refusal");
        Objects.requireNonNull(command.lastRefusedAt(), "last refusal");
        if (command.firstRefusedAt().isAfter(command.lastRefusedAt())) {
            throw new IllegalArgumentException("The first refusal of a window cannot follow its last");
        }
        if (command.status() != TokenStatus.REVOKED && command.status() != TokenStatus.EXPIRED) {
            throw new IllegalArgumentException("A check refuses a token only for being revoked or expired");
        }
        // Like a use, judged at the time of the refusal: an active token past its expiry, or past the end of its grace
        // period, is refused even before the expiry process has recorded that.
        if (status == TokenStatus.ACTIVE && command.lastRefusedAt().isBefore(endOfValidity())) {
            throw new TokenRuleViolationException(TokenErrorCode.TOKEN_STILL_ACTIVE, "The token is still active");
        }

        apply(new TokenRefusedUseRecordedEvent(
                tokenId,
                tenantId,
                command.status(),
                command.count(),
                command.firstRefusedAt(),
                command.lastRefusedAt(),
                command.lastClientIp()));
    }

    @EventSourcingHandler
    private void on(TokenCreatedEvent event) {
        tokenId = event.tokenId();
        tenantId = event.tenantId();
        scope = event.scope();
        status = TokenStatus.ACTIVE;
        expiresAt = event.expiresAt();
    }

    /** The instant from which the auth check refuses an active token: its expiry, or its grace end if earlier. */
    private Instant endOfValidity() {
        return graceEndsAt != null && graceEndsAt.isBefore(expiresAt) ? graceEndsAt : expiresAt;
    }

    @EventSourcingHandler
    private void on(TokenRotatedEvent event) {
        successorId = event.successorId();
        graceEndsAt = event.graceEndsAt();
    }

    @EventSourcingHandler
    private void on(TokenExpiryWarningIssuedEvent event) {
        ExpiryWarningThreshold.fromWireName(event.threshold()).ifPresent(issuedWarnings::add);
    }

    @EventSourcingHandler
    private void on(TokenRevokedEvent event) {
        status = TokenStatus.REVOKED;
    }

    @EventSourcingHandler
    private void on(TokenExpiredEvent event) {
        status = TokenStatus.EXPIRED;
    }
}
