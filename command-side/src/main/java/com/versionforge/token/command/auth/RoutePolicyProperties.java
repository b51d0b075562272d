package com.versionforge.token.command.auth;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The route table of the auth check: the first rule whose method and path pattern match a forwarded request names
 * the scope it needs.
 *
 * @param routes rules in order of precedence
 * @param defaultScope the scope of a request that no rule matches
 */
@ConfigurationProperties("vf.auth")
public record RoutePolicyProperties(List<Route> routes, String defaultScope) {

    /**
     * One rule.
     *
     * @param method an HTTP method, or {@code *} for any
     * @param pattern a Spring path pattern such as {@code /api/v1/syncs/**}
     * @param scope the scope's wire name
     */
    public record Route(String method, String pattern, String scope) {}
}
