package com.versionforge.token.web;

/** The problem+json codes of refusals known only by their HTTP status, the same in both services. */
public final class HttpProblemCodes {

    public static final String MALFORMED_REQUEST = "malformed-request";
    public static final String INVALID_REQUEST = "invalid-request";
    public static final String NOT_FOUND = "not-found";
    public static final String METHOD_NOT_ALLOWED = "method-not-allowed";
    public static final String NOT_ACCEPTABLE = "not-acceptable";
    public static final String UNSUPPORTED_MEDIA_TYPE = "unsupported-media-type";
    public static final String REQUEST_TOO_LARGE = "request-too-large";
    public static final String INTERNAL_ERROR = "internal-error";

    private HttpProblemCodes() {}

    /** The code of a refusal known only by its status. */
    public static String forStatus(int status) {
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

    /**
     * The code of a refusal by the servlet container, which never reaches a controller: a 400 there means the request
     * itself was not well-formed.
     */
    public static String forContainerRefusal(int status) {
        return status == 400 ? MALFORMED_REQUEST : forStatus(status);
    }
}
