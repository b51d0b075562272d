package com.versionforge.token.command.auth;

import com.versionforge.token.api.Scope;
import org.springframework.http.HttpStatus;

/** A request refused before it reached its handler; carries the problem+json status and code of API.md. */
public class AccessRefusedException extends RuntimeException {

    private final HttpStatus status;
    private final String code;
    private final Scope requiredScope;

    AccessRefusedException(HttpStatus status, String code, String detail, Scope requiredScope) {
        super(detail, null, false, false);
        this.status = status;
        this.code = code;
        this.requiredScope = requiredScope;
    }

    static AccessRefusedException unauthenticated(String code, String detail) {
        return new AccessRefusedException(HttpStatus.UNAUTHORIZED, code, detail, null);
    }

    static AccessRefusedException insufficientScope(Scope required) {
        return new AccessRefusedException(
                HttpStatus.FORBIDDEN,
                "insufficient-scope",
                "This needs a token of scope " + required.wireName() + " or higher",
                required);
    }

    public HttpStatus status() {
        return status;
    }

    public String code() {
        return code;
    }

    /** The scope the route needs, for {@code insufficient-scope}; null otherwise. */
    public Scope requiredScope() {
        return requiredScope;
    }
}
