package com.versionforge.token.query.auth;

import org.springframework.http.HttpHeaders;

/**
 * A passed auth check.
 *
 * @param caller the token that passed
 * @param rateLimitHeaders the command side's {@code X-RateLimit-*} headers, which the client's answer carries too
 */
record AuthCheckPass(Caller caller, HttpHeaders rateLimitHeaders) {}
