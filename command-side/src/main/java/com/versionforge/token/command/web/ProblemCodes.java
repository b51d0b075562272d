package com.versionforge.token.command.web;

/**
 * The problem+json codes of the command side's own HTTP refusals; those known only by their status are in
 * {@link com.versionforge.token.web.HttpProblemCodes}.
 */
final class ProblemCodes {

    static final String SCOPE_INVALID = "scope-invalid";
    static final String CONFLICT = "conflict";
    static final String CROSS_ORIGIN_REFUSED = "cross-origin-refused";

    private ProblemCodes() {}
}
