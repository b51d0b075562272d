package com.versionforge.token.command.token;

import com.versionforge.token.api.CreateTokenCommand;
import com.versionforge.token.api.RevokeTokenCommand;
import com.versionforge.token.api.RotateTokenCommand;
import com.versionforge.token.api.Scope;
import com.versionforge.token.api.TokenErrorCode;
import com.versionforge.token.api.TokenId;
import com.versionforge.token.api.TokenName;
import com.versionforge.token.api.TokenRuleViolationException;
import com.versionforge.token.api.TokenStatus;
import com.versionforge.token.command.auth.Caller;
import com.versionforge.token.command.auth.RequiredScope;
import com.versionforge.token.command.auth.UnknownScopeException;
import com.versionforge.token.command.credential.Credential;
import com.versionforge.token.command.credential.CredentialCache;
import com.versionforge.token.command.credential.CredentialRepository;
import com.versionforge.token.command.credential.TokenSecret;
import com.versionforge.token.command.web.InvalidRequestException;
import com.versionforge.token.command.web.RequestMetadata;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Creates, rotates and revokes the tokens of the caller's tenant. */
@RestController
@RequestMapping("/api/v1/tokens")
class TokenController {

    private final TokenCommands commands;
    private final CredentialRepository credentials;
    private final CredentialCache credentialCache;
    private final Clock clock;

    TokenController(
            TokenCommands commands, CredentialRepository credentials, CredentialCache credentialCache, Clock clock) {
        this.commands = commands;
        this.credentials = credentials;
        this.credentialCache = credentialCache;
        this.clock = clock;
    }

    /** The body of a create request; exactly one of {@code expiresIn} and {@code expiresAt}. */
    record CreateTokenRequest(String name, String scope, String expiresIn, String expiresAt) {}

    /** The optional body of a revoke request. */
    record RevokeTokenRequest(String reason) {}

    /** The body of a rotate request: the successor's expiry as in create, and an optional grace period. */
    record RotateTokenRequest(String expiresIn, String expiresAt, String gracePeriod) {}

    @Operation(summary = "Create a token; the response is the only place its secret ever appears")
    // produces: a client that cannot read JSON is refused (406) before the token exists, not after, secret unseen.
    @PostMapping(produces = MediaType.APPLICATION_JSON_VALUE)
    @RequiredScope(Scope.ADMIN)
    ResponseEntity<TokenView> create(@RequestBody CreateTokenRequest body, Caller caller, HttpServletRequest request) {
        TokenName name = new TokenName(body.name());
        Scope scope = scope(body.scope());
        Instant expiresAt = Expiry.resolve(body.expiresIn(), body.expiresAt(), clock.instant());
        TokenId tokenId = TokenId.random();
        TokenSecret secret = TokenSecret.generate();

        commands.send(
                new CreateTokenCommand(
                        tokenId,
                        caller.tenantId(),
                        name,
                        scope,
                        caller.scope(),
                        secret.digest(),
                        secret.hint(),
                        expiresAt),
                RequestMetadata.of(request, caller.actor()));

        Credential created =
                credentials.findInTenant(tokenId, caller.tenantId()).orElseThrow();
        return ResponseEntity.created(URI.create("/api/v1/tokens/" + tokenId))
                .cacheControl(CacheControl.noStore())
                .body(TokenView.withSecret(created, clock.instant(), secret.reveal()));
    }

    @Operation(summary = "Revoke a token at once and for good")
    @PostMapping(path = "/{id}/revoke", produces = MediaType.APPLICATION_JSON_VALUE)
    @RequiredScope(Scope.ADMIN)
    ResponseEntity<TokenView> revoke(
            @PathVariable("id") String id,
            @RequestBody(required = false) RevokeTokenRequest body,
            Caller caller,
            HttpServletRequest request) {
        String reason = body == null ? null : body.reason();
        if (reason != null && reason.codePointCount(0, reason.length()) > ApiToken.MAX_REVOKE_REASON_LENGTH) {
            throw new InvalidRequestException(
                    "reason-too-long", "A reason has at most " + ApiToken.MAX_REVOKE_REASON_LENGTH + " characters");
        }
        if (reason != null && !reason.codePoints().allMatch(TokenController::isReasonText)) {
            throw new InvalidRequestException(
                    "reason-invalid", "A reason is text without control characters other than tabs and line breaks");
        }
        Credential token = findInTenant(id, caller);
        if (token.statusAt(clock.instant()) != TokenStatus.ACTIVE) {
            throw new TokenRuleViolationException(TokenErrorCode.TOKEN_NOT_ACTIVE, "The token is not active");
        }

        commands.send(
                new RevokeTokenCommand(token.tokenId(), caller.tenantId(), reason),
                RequestMetadata.of(request, caller.actor()));
        credentialCache.outlastCopiesReadBefore();

        Credential revoked =
                credentials.findInTenant(token.tokenId(), caller.tenantId()).orElseThrow();
        return ResponseEntity.ok(TokenView.of(revoked, clock.instant()));
    }

    @Operation(
            summary = "Rotate a token: a successor with the same name and scope; the old one stays valid until revoked,"
                    + " automatically when the grace period ends")
    @PostMapping("/{id}/rotate")
    @RequiredScope(Scope.ADMIN)
    ResponseEntity<TokenView> rotate(
            @PathVariable("id") String id,
            @RequestBody RotateTokenRequest body,
            Caller caller,
            HttpServletRequest request) {
        Credential old = findInTenant(id, caller);
        Instant now = clock.instant();
        Instant expiresAt = Expiry.resolve(body.expiresIn(), body.expiresAt(), now);
        Instant graceEndsAt = GracePeriod.endFrom(body.gracePeriod(), now).orElse(null);
        if (old.statusAt(now) != TokenStatus.ACTIVE) {
            throw new TokenRuleViolationException(TokenErrorCode.TOKEN_NOT_ACTIVE, "The token is not active");
        }
        if (credentials.rotationOf(old.tokenId()).hasSuccessor()) {
            throw new TokenRuleViolationException(
                    TokenErrorCode.TOKEN_ALREADY_ROTATED, "The token already has a successor; rotate that one");
        }
        TokenId successorId = TokenId.random();
        TokenSecret secret = TokenSecret.generate();

        // One transaction: a successor that the aggregate refuses (an expiry beyond the maximum lifetime, say) must
        // not leave the old token marked rotated, or worse, revoked at the end of a grace period with no successor.
        commands.sendTogether(
                List.of(
                        new RotateTokenCommand(
                                old.tokenId(), caller.tenantId(), successorId, caller.scope(), graceEndsAt),
                        new CreateTokenCommand(
                                successorId,
                                caller.tenantId(),
                                new TokenName(old.name()),
                                old.scope(),
                                caller.scope(),
                                secret.digest(),
                                secret.hint(),
                                expiresAt)),
                RequestMetadata.of(request, caller.actor()));

        Credential successor =
                credentials.findInTenant(successorId, caller.tenantId()).orElseThrow();
        return ResponseEntity.created(URI.create("/api/v1/tokens/" + successorId))
                .cacheControl(CacheControl.noStore())
                .body(TokenView.withSecret(successor, clock.instant(), secret.reveal())
                        .rotatedFrom(credentials.rotationOf(successorId).rotatedFrom()));
    }

    private Credential findInTenant(String id, Caller caller) {
        TokenId tokenId;
        try {
            tokenId = TokenId.parse(id);
        } catch (IllegalArgumentException e) {
            throw notFound();
        }
        return credentials.findInTenant(tokenId, caller.tenantId()).orElseThrow(TokenController::notFound);
    }

    private static TokenRuleViolationException notFound() {
        return new TokenRuleViolationException(TokenErrorCode.TOKEN_NOT_FOUND, "No such token");
    }

    /**
     * PostgreSQL cannot store a NUL, and a lone surrogate is no character at all: either would fail or be mangled on
     * its way to the credential table, so both are refused up front with the other control characters.
     */
    private static boolean isReasonText(int codePoint) {
        return codePoint == '\t'
                || codePoint == '\n'
                || codePoint == '\r'
                || !(Character.isISOControl(codePoint) || Character.getType(codePoint) == Character.SURROGATE);
    }

    private static Scope scope(String wireName) {
        return Scope.fromWireName(wireName).orElseThrow(UnknownScopeException::new);
    }
}
