package com.versionforge.token.command.auth;

import com.versionforge.token.api.Scope;
import com.versionforge.token.command.ratelimit.RateLimit;
import org.springframework.http.HttpStatus;

/** A request refused before it reached its handler; carries the problem+json status and code of API.md. */
public class AccessRefusedException extends RuntimeException {

    private final HttpStatus status;
    private final String code;
    private final Scope requiredScope;
    private final RateLimit rateLimit;
    private final HttpStatus refusalStatus;

    AccessRefusedException(HttpStatus status, String code, String detail, Scope requiredScope, RateLimit rateLimit) {
        this(status, code, detail, requiredScope, rateLimit, null);
    }

    private AccessRefusedException(
            HttpStatus status,
            String code,
            String detail,
            Scope requiredScope,
            RateLimit rateLimit,
            HttpStatus refusalStatus) {
        super(detail, null, false, false);
        this.status = status;
        this.code = code;
        this.requiredScope = requiredScope;
        this.rateLimit = rateLimit;
        this.refusalStatus = refusalStatus;
    }

    static AccessRefusedException unauthenticated(String code, String detail) {
        return new AccessRefusedException(HttpStatus.UNAUTHORIZED, code, detail, null, null);
    }

    static AccessRefusedException insufficientScope(Scope required, RateLimit rateLimit) {
        return new AccessRefusedException(
                HttpStatus.FORBIDDEN,
                "insufficient-scope",
                "This needs a token of scope " + required.wireName() + " or higher",
                required,
                rateLimit);
    }

    static AccessRefusedException rateLimited(RateLimit rateLimit) {
        return new AccessRefusedException(
                HttpStatus.TOO_MANY_REQUESTS,
                "rate-limited",
                "This token has used its " + rateLimit.limit() + " requests of this minute; retry after "
                        + rateLimit.retryAfterSeconds() + " s",
                null,
                rateLimit);
    }

    /**
     * The same refusal as a gateway's auth subrequest can relay: nginx's {@code auth_request} understands only 2xx, 401
     * and 403 and turns anything else into a 500, so every other status is answered 403 and named in
     * {@link #refusalStatus()}, for the gateway to restore.
     */
    AccessRefusedException forAuthSubrequest() {
        HttpStatus relayable = status == HttpStatus.UNAUTHORIZED ? status : HttpStatus.FORBIDDEN;
        return new AccessRefusedException(relayable, code, getMessage(), requiredScope, rateLimit, status);
    }

    public HttpStatus status() {
        return status;
    }

    public String code() {
        return code;
    }

    /** Where the token stands in its window, for refusals of a known active token; null otherwise. */
    public RateLimit rateLimit() {
        return rateLimit;
    }

    /** The status the refusal really has, when it is answered to a gateway's auth subrequest; null otherwise. */
    public HttpStatus refusalStatus() {
        return refusalStatus;
    }

    /** The scope the route needs, for {@code insufficient-scope}; null otherwise. */
    public Scope requiredScope() {
        return requiredScope;
    }
}
