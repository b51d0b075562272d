package com.versionforge.token.command.token;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import com.versionforge.token.api.CreateTokenCommand;
import com.versionforge.token.api.ExpireTokenCommand;
import com.versionforge.token.api.RecordRefusedUseCommand;
import com.versionforge.token.api.RevokeTokenCommand;
import com.versionforge.token.api.TenantId;
import com.versionforge.token.api.TokenCreatedEvent;
import com.versionforge.token.api.TokenErrorCode;
import com.versionforge.token.api.TokenExpiredEvent;
import com.versionforge.token.api.TokenId;
import com.versionforge.token.api.TokenRefusedUseRecordedEvent;
import com.versionforge.token.api.TokenRevokedEvent;
import com.versionforge.token.api.TokenRuleViolationException;
import com.versionforge.token.api.TokenStatus;
import com.versionforge.token.api.TokenUsedEvent;
import com.versionforge.token.api.UseTokenCommand;
import java.time.Instant;
import java.util.Objects;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * One API token of one tenant: it is created with a mandatory expiry, used while active and before that expiry, and
 * ends for good either revoked by an admin or expired at its expiry instant.
 */
@Aggregate
public class ApiToken {

    /** The longest revocation reason kept in the audit trail, in characters; the REST layer refuses longer ones. */
    public static final int MAX_REVOKE_REASON_LENGTH = 500;

    private static final int TOKEN_HINT_LENGTH = 4;

    @AggregateIdentifier
    private TokenId tokenId;

    private TenantId tenantId;
    private TokenStatus status;
    private Instant expiresAt;

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
        if (status != TokenStatus.ACTIVE || !command.lastUsedAt().isBefore(expiresAt)) {
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
        if (status != TokenStatus.ACTIVE) {
            throw new TokenRuleViolationException(TokenErrorCode.TOKEN_NOT_ACTIVE, "The token is not active");
        }

        apply(new TokenRevokedEvent(tokenId, tenantId, reason, lifetimePolicy.now()));
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
        // Like a use, judged at the time of the refusal: an active token past its expiry is refused as expired.
        if (status == TokenStatus.ACTIVE && command.lastRefusedAt().isBefore(expiresAt)) {
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
        status = TokenStatus.ACTIVE;
        expiresAt = event.expiresAt();
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
