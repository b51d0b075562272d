package com.versionforge.token.command.web;

/** The problem+json codes of refusals that come from HTTP input rather than from a token rule. */
final class ProblemCodes {

    static final String MALFORMED_REQUEST = "malformed-request";
    static final String INVALID_REQUEST = "invalid-request";
    static final String SCOPE_INVALID = "scope-invalid";
    static final String REQUEST_TOO_LARGE = "request-too-large";
    static final String NOT_FOUND = "not-found";
    static final String METHOD_NOT_ALLOWED = "method-not-allowed";
    static final String UNSUPPORTED_MEDIA_TYPE = "unsupported-media-type";
    static final String NOT_ACCEPTABLE = "not-acceptable";
    static final String CONFLICT = "conflict";
    static final String CROSS_ORIGIN_REFUSED = "cross-origin-refused";
    static final String INTERNAL_ERROR = "internal-error";

    private ProblemCodes() {}
}
