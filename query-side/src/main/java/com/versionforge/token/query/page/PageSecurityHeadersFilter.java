package com.versionforge.token.query.page;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.function.Supplier;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Keeps the token page to itself: it runs only its own scripts and styles (no inline code, so an injected string
 * cannot run), talks only to this service and the command side, is never framed, and sends no referrer.
 */
class PageSecurityHeadersFilter extends OncePerRequestFilter {

    static final String CONTENT_SECURITY_POLICY = "Content-Security-Policy";

    private final Supplier<String> commandSideUrl;
    private volatile String policy;

    PageSecurityHeadersFilter(Supplier<String> commandSideUrl) {
        this.commandSideUrl = commandSideUrl;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        response.setHeader(CONTENT_SECURITY_POLICY, policy());
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("X-Frame-Options", "DENY");
        response.setHeader("Referrer-Policy", "no-referrer");
        chain.doFilter(request, response);
    }

    private String policy() {
        if (policy == null) {
            policy = policyFor(commandSideUrl.get());
        }
        return policy;
    }

    static String policyFor(String commandSideUrl) {
        return String.join(
                "; ",
                "default-src 'none'",
                "script-src 'self'",
                "style-src 'self'",
                "img-src 'self'",
                "connect-src 'self' " + origin(commandSideUrl),
                "base-uri 'none'",
                "form-action 'none'",
                "frame-ancestors 'none'");
    }

    /** The scheme, host and port of a URL: all a policy may name, and all it needs to. */
    static String origin(String url) {
        URI uri = URI.create(url);
        if (uri.getScheme() == null || uri.getHost() == null) {
            throw new IllegalArgumentException("vf.command-side.public-url must be an absolute http(s) URL");
        }
        return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() == -1 ? "" : ":" + uri.getPort());
    }
}
