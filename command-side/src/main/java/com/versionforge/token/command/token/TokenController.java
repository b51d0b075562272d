package com.versionforge.token.command.token;

import com.versionforge.token.api.CreateTokenCommand;
import com.versionforge.token.api.RevokeTokenCommand;
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
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Creates and revokes the tokens of the caller's tenant. */
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

    @Operation(summary = "Create a token; the response is the only place its secret ever appears")
    @PostMapping
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
    @PostMapping("/{id}/revoke")
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

    private static Scope scope(String wireName) {
        return Scope.fromWireName(wireName).orElseThrow(UnknownScopeException::new);
    }
}
