package com.versionforge.token.command.auth;

import com.versionforge.token.api.Scope;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import org.springframework.http.server.PathContainer;
import org.springframework.stereotype.Component;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/** The scope a forwarded request needs, by its method and path, from the configured route table. */
@Component
public class RoutePolicy {

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

    /** The scope needed for {@code method} on {@code uri} (a path, optionally with a query string). */
    public Scope requiredScope(String method, String uri) {
        Optional<PathContainer> path = path(uri);
        if (method == null || path.isEmpty()) {
            return defaultScope;
        }
        return routes.stream()
                .filter(route -> route.matches(method, path.get()))
                .map(CompiledRoute::scope)
                .findFirst()
                .orElse(defaultScope);
    }

    private static Optional<PathContainer> path(String uri) {
        if (uri == null || uri.isBlank()) {
            return Optional.empty();
        }
        try {
            String rawPath = URI.create(uri.strip()).getRawPath();
            return rawPath == null || rawPath.isEmpty()
                    ? Optional.empty()
                    : Optional.of(PathContainer.parsePath(rawPath));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
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
