package com.versionforge.token.query.web;

/** The problem+json codes of refusals that come from the HTTP exchange itself rather than from a feature. */
final class ProblemCodes {

    static final String MALFORMED_REQUEST = "malformed-request";
    static final String INVALID_REQUEST = "invalid-request";
    static final String NOT_FOUND = "not-found";
    static final String METHOD_NOT_ALLOWED = "method-not-allowed";
    static final String NOT_ACCEPTABLE = "not-acceptable";
    static final String UNSUPPORTED_MEDIA_TYPE = "unsupported-media-type";
    static final String REQUEST_TOO_LARGE = "request-too-large";
    static final String INTERNAL_ERROR = "internal-error";

    private ProblemCodes() {}

    /** The code of a refusal known only by its status. */
    static String forStatus(int status) {
        return switch (status) {
            case 404 -> NOT_FOUND;
            case 405 -> METHOD_NOT_ALLOWED;
            case 406 -> NOT_ACCEPTABLE;
            case 413 -> REQUEST_TOO_LARGE;
            case 415 -> UNSUPPORTED_MEDIA_TYPE;
            case 500 -> INTERNAL_ERROR;
            default -> status >= 500 ? INTERNAL_ERROR : INVALID_REQUEST;
        };
    }
}
