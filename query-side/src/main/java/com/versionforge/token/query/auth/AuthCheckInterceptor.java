package com.versionforge.token.query.auth;

import com.versionforge.token.web.RequestValueArgumentResolver;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Has every /api/v1 request checked by the command side before its handler runs, leaves the {@link Caller} on the
 * request and passes the rate-limit headers on to the client's answer.
 */
@Component
class AuthCheckInterceptor implements HandlerInterceptor {

    private static final Logger logger = LoggerFactory.getLogger(AuthCheckInterceptor.class);

    private final AuthCheckClient client;

    AuthCheckInterceptor(AuthCheckClient client) {
        this.client = client;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (!(handler instanceof HandlerMethod)) {
            return true;
        }
        AuthCheckPass pass = client.check(
                request.getHeader(HttpHeaders.AUTHORIZATION),
                request.getRemoteAddr(),
                request.getHeader(HttpHeaders.USER_AGENT));

        pass.rateLimitHeaders().forEach((name, values) -> values.forEach(value -> response.addHeader(name, value)));
        RequestValueArgumentResolver.attach(request, Caller.class, pass.caller());
        logger.debug(
                "Token [{}] of tenant [{}] passed the auth check",
                pass.caller().tokenId(),
                pass.caller().tenantId());
        return true;
    }
}
