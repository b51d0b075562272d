package com.versionforge.token.command.auth;

import com.versionforge.token.api.Scope;
import com.versionforge.token.api.TokenStatus;
import com.versionforge.token.command.credential.Credential;
import com.versionforge.token.command.credential.CredentialRepository;
import com.versionforge.token.command.credential.TokenSecret;
import java.time.Clock;
import java.time.Instant;
import org.springframework.stereotype.Component;

/**
 * Decides whether a presented token may do what a request needs. It reads only the credential lookup, which is
 * written in the transaction of each event, so a revoke that has returned is a refusal here.
 */
@Component
public class TokenAuthenticator {

    private static final String BEARER = "Bearer ";

    private final CredentialRepository credentials;
    private final Clock clock;

    TokenAuthenticator(CredentialRepository credentials, Clock clock) {
        this.credentials = credentials;
        this.clock = clock;
    }

    /**
     * The caller behind an {@code Authorization} header, if its token is active and its scope covers {@code required}.
     *
     * @throws AccessRefusedException with the status and code of API.md otherwise
     */
    public Caller authenticate(String authorization, Scope required) {
        if (authorization == null || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            throw AccessRefusedException.unauthenticated("token-missing", "Send Authorization: Bearer vf_tok_…");
        }
        TokenSecret secret = TokenSecret.parse(
                        authorization.substring(BEARER.length()).strip())
                .orElseThrow(() -> AccessRefusedException.unauthenticated(
                        "token-invalid", "This is not a valid VersionForge token"));
        Credential credential = credentials
                .findByDigest(secret.digest())
                .orElseThrow(() -> AccessRefusedException.unauthenticated("token-invalid", "Unknown token"));

        Instant now = clock.instant();
        TokenStatus status = credential.statusAt(now);
        if (status == TokenStatus.REVOKED) {
            throw AccessRefusedException.unauthenticated("token-revoked", "This token has been revoked");
        }
        if (status == TokenStatus.EXPIRED) {
            throw AccessRefusedException.unauthenticated("token-expired", "This token has expired");
        }
        if (!credential.scope().includes(required)) {
            throw AccessRefusedException.insufficientScope(required);
        }
        return new Caller(
                credential.tokenId(),
                credential.tenantId(),
                credential.scope(),
                credential.tokenHint(),
                credential.expiresAt());
    }
}
