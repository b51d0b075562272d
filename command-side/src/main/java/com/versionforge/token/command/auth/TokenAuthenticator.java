package com.versionforge.token.command.auth;

import com.versionforge.token.api.Scope;
import com.versionforge.token.api.TokenStatus;
import com.versionforge.token.command.credential.Credential;
import com.versionforge.token.command.credential.CredentialCache;
import com.versionforge.token.command.credential.TokenSecret;
import com.versionforge.token.command.ratelimit.RateLimit;
import com.versionforge.token.command.ratelimit.RateLimiter;
import com.versionforge.token.command.usage.RefusedUseRecorder;
import com.versionforge.token.command.usage.UsageRecorder;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.time.Instant;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;

/**
 * Decides whether a presented token may do what a request needs, counts the request against the token's rate limit
 * and records the use. It reads only the credential lookup, which is written in the transaction of each event, through
 * a cache whose copies never outlive a revoke call, so a revoke that has returned is a refusal here.
 */
@Component
public class TokenAuthenticator {

    private static final String BEARER = "Bearer ";

    private final CredentialCache credentials;
    private final RateLimiter rateLimiter;
    private final UsageRecorder usage;
    private final Clock clock;
    private final RefusedUseRecorder refusedUses;

    TokenAuthenticator(
            CredentialCache credentials,
            RateLimiter rateLimiter,
            UsageRecorder usage,
            Clock clock,
            RefusedUseRecorder refusedUses) {
        this.credentials = credentials;
        this.rateLimiter = rateLimiter;
        this.usage = usage;
        this.clock = clock;
        this.refusedUses = refusedUses;
    }

    /**
     * The caller behind an {@code Authorization} header, if its token is active, its scope covers {@code required} and
     * its window has a request left. A pass counts against the limit and is recorded as a use.
     *
     * @param client where the request came from, for the token's last use
     * @throws AccessRefusedException with the status and code of API.md otherwise
     */
    public Caller authenticate(String authorization, Scope required, Client client) {
        Instant now = clock.instant();
        Credential credential = admitted(authorization, required, client, now);
        RateLimit rateLimit = rateLimiter.consume(credential.tokenId(), credential.scope());
        if (!rateLimit.allowed()) {
            throw AccessRefusedException.rateLimited(rateLimit);
        }

        usage.record(credential.tokenId(), now, client.ip(), client.userAgent());
        return caller(credential, rateLimit);
    }

    /**
     * The same decision as {@link #authenticate} without the rate limit: for a gateway's pre-check of a request that
     * the service behind it counts and records. Neither counts nor records a use.
     *
     * @return the caller, whose {@link Caller#rateLimit()} is null: this check did not look at the window
     * @throws AccessRefusedException with the status and code of API.md for an inactive token or a scope refusal
     */
    Caller authenticateUncounted(String authorization, Scope required, Client client) {
        return caller(admitted(authorization, required, client, clock.instant()), null);
    }

    private Credential admitted(String authorization, Scope required, Client client, Instant now) {
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

        TokenStatus status = credential.statusAt(now);
        if (status == TokenStatus.REVOKED || status == TokenStatus.EXPIRED) {
            // A dead token still being presented is worth an alert: it is recorded for the audit trail.
            refusedUses.record(credential.tokenId(), status, now, client.ip());
        }
        if (status == TokenStatus.REVOKED) {
            throw AccessRefusedException.unauthenticated("token-revoked", "This token has been revoked");
        }
        if (status == TokenStatus.EXPIRED) {
            throw AccessRefusedException.unauthenticated("token-expired", "This token has expired");
        }
        if (!credential.scope().includes(required)) {
            throw AccessRefusedException.insufficientScope(
                    required, rateLimiter.peek(credential.tokenId(), credential.scope()));
        }
        return credential;
    }

    private static Caller caller(Credential credential, RateLimit rateLimit) {
        return new Caller(
                credential.tokenId(),
                credential.tenantId(),
                credential.scope(),
                credential.tokenHint(),
                credential.expiresAt(),
                rateLimit);
    }

    /**
     * The client of a request as far as the service can tell.
     *
     * @param ip the address, after trusted proxies' forwarding headers; null when unknown
     * @param userAgent the User-Agent header, or null
     */
    public record Client(String ip, String userAgent) {

        private static final int MAX_USER_AGENT = 256;

        public Client {
            userAgent = userAgent == null || userAgent.length() <= MAX_USER_AGENT
                    ? userAgent
                    : userAgent.substring(0, MAX_USER_AGENT);
        }

        /** The client of a servlet request. */
        public static Client of(HttpServletRequest request) {
            return new Client(request.getRemoteAddr(), request.getHeader(HttpHeaders.USER_AGENT));
        }
    }
}
