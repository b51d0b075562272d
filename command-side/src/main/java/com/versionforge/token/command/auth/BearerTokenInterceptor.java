package com.versionforge.token.command.auth;

import com.versionforge.token.api.Scope;
import com.versionforge.token.web.RequestValueArgumentResolver;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

/** Authenticates every /api/v1 request before its handler runs and leaves the {@link Caller} on the request. */
@Component
class BearerTokenInterceptor implements HandlerInterceptor {

    private final TokenAuthenticator authenticator;

    BearerTokenInterceptor(TokenAuthenticator authenticator) {
        this.authenticator = authenticator;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (!(handler instanceof HandlerMethod method)) {
            return true;
        }
        RequiredScope required = method.getMethodAnnotation(RequiredScope.class);
        Caller caller = authenticator.authenticate(
                request.getHeader(HttpHeaders.AUTHORIZATION),
                required == null ? Scope.READ_ONLY : required.value(),
                TokenAuthenticator.Client.of(request));
        caller.rateLimit().forEachHeader(response::setHeader);
        RequestValueArgumentResolver.attach(request, Caller.class, caller);
        return true;
    }
}
