package com.versionforge.token.command.auth;

import com.versionforge.token.api.Scope;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.http.server.PathContainer;
import org.springframework.stereotype.Component;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/** The scope a forwarded request needs, by its method and path, from the configured route table. */
@Component
public class RoutePolicy {

    /** {@code scheme://authority} in front of the path of an absolute-form request target. */
    private static final Pattern ABSOLUTE_FORM = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]*://[^/]*");

    /**
     * Spellings that servers resolve to another path than the one written: dot segments (also with path parameters,
     * as in {@code /..;/}), empty segments, encoded dots and slashes, and backslashes.
     */
    private static final Pattern NOT_CANONICAL =
            Pattern.compile("//|/\\.{1,2}(?:[/;]|$)|%2[eEfF]|%5[cC]|\\\\|[\\x00-\\x20\\x7f]");

    private final List<CompiledRoute> routes;
    private final Scope defaultScope;

    RoutePolicy(RoutePolicyProperties properties) {
        this.routes = properties.routes() == null
                ? List.of()
                : properties.routes().stream().map(CompiledRoute::of).toList();
        this.defaultScope = properties.defaultScope() == null
                ? Scope.READ_ONLY
                : parseScope(properties.defaultScope(), "vf.auth.default-scope");
    }

    /**
     * The scope needed for {@code method} on {@code uri} (a path, optionally with a query string, or an absolute URL).
     * Without a method or a URI it is the default scope. A path that it cannot read the way the routed API will, such
     * as one with dot segments, doubled or encoded slashes, or broken percent-encoding, needs {@link Scope#ADMIN}: a
     * route this policy cannot see must not pass as the default.
     */
    public Scope requiredScope(String method, String uri) {
        if (method == null || uri == null || uri.isBlank()) {
            return defaultScope;
        }
        Optional<PathContainer> path = path(uri);
        if (path.isEmpty()) {
            return Scope.ADMIN;
        }
        return routes.stream()
                .filter(route -> route.matches(method, path.get()))
                .map(CompiledRoute::scope)
                .findFirst()
                .orElse(defaultScope);
    }

    /**
     * The path of a request target as a gateway forwards it (nginx's {@code $request_uri} is raw, so its query may
     * hold characters that {@link java.net.URI} refuses); empty when the path is not in plain, canonical form.
     */
    private static Optional<PathContainer> path(String uri) {
        String target = uri.strip();
        int end = indexOfAny(target, '?', '#');
        String rawPath = end < 0 ? target : target.substring(0, end);
        Matcher absolute = ABSOLUTE_FORM.matcher(rawPath);
        if (absolute.lookingAt()) {
            rawPath = rawPath.substring(absolute.end());
            rawPath = rawPath.isEmpty() ? "/" : rawPath;
        }
        if (!rawPath.startsWith("/") || NOT_CANONICAL.matcher(rawPath).find()) {
            return Optional.empty();
        }
        try {
            return Optional.of(PathContainer.parsePath(rawPath));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static int indexOfAny(String text, char first, char second) {
        int a = text.indexOf(first);
        int b = text.indexOf(second);
        return a < 0 ? b : b < 0 ? a : Math.min(a, b);
    }

    private static Scope parseScope(String wireName, String where) {
        return Scope.fromWireName(wireName)
                .orElseThrow(() -> new IllegalStateException("Unknown scope [" + wireName + "] in " + where));
    }

    private record CompiledRoute(String method, PathPattern pattern, Scope scope) {

        static CompiledRoute of(RoutePolicyProperties.Route route) {
            return new CompiledRoute(
                    route.method(),
                    PathPatternParser.defaultInstance.parse(route.pattern()),
                    parseScope(route.scope(), "vf.auth.routes"));
        }

        boolean matches(String requestMethod, PathContainer path) {
            return ("*".equals(method) || method.equalsIgnoreCase(requestMethod)) && pattern.matches(path);
        }
    }
}
