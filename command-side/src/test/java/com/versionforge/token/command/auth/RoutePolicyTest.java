package com.versionforge.token.command.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.versionforge.token.api.Scope;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;

/** The route table as shipped in application.yml, and how the policy reads the URIs that gateways forward. */
class RoutePolicyTest {

    private static final RoutePolicy SHIPPED = new RoutePolicy(shippedProperties());

    @ParameterizedTest(name = "{0} {1} needs {2}")
    @CsvSource({
        "GET, /api/v1/tokens, read-only",
        "GET, /api/v1/tokens/1b4e28ba-2fa1-11d2-883f-0016d3cca427, read-only",
        "HEAD, /api/v1/syncs, read-only",
        "GET, /api/v1/settings/notifications, admin",
        "GET, /api/v1/audit-events, admin",
        "GET, /api/v1/audit-events/verify, admin",
        "GET, /api/v1/compliance/report, admin",
        "GET, /api/v1/users/7, admin",
        "POST, /api/v1/syncs/42/trigger, sync-trigger",
        "POST, /api/v1/syncs/42/runs, sync-trigger",
        "POST, /api/v1/sync-runs/9/retry, sync-trigger",
        "POST, /api/v1/sync-runs/9/cancel, sync-trigger",
        "POST, /api/v1/tokens, admin",
        "PUT, /api/v1/settings/notifications, admin",
        "DELETE, /api/v1/connections/7, admin",
        "PATCH, /api/v1/syncs/42, admin",
    })
    void requiresTheScopeOfTheFirstMatchingRoute(String method, String uri, String scope) {
        assertThat(SHIPPED.requiredScope(method, uri)).isEqualTo(wire(scope));
    }

    @ParameterizedTest(name = "{0} {1} needs {2}")
    @CsvSource({
        "post, /api/v1/syncs/42/trigger, sync-trigger",
        "GET, /api/v1/audit-events?from=2026-01-01T00:00:00Z&limit=50, admin",
        "GET, /api/v1/audit-events#top, admin",
        "POST, https://api.versionforge.io/api/v1/syncs/42/trigger?force=true, sync-trigger",
        "GET, /api/v1/%61udit-events, admin",
        "GET, /api/v1/audit-events;jsessionid=1, admin",
        "GET, '  /api/v1/audit-events  ', admin",
    })
    void readsMethodAndPathTheWayTheRoutedApiDoes(String method, String uri, String scope) {
        assertThat(SHIPPED.requiredScope(method, uri)).isEqualTo(wire(scope));
    }

    @ParameterizedTest(name = "{0} {1} needs {2}")
    @CsvSource({
        "GET, /api/v1/audit-events?q=a|b, admin",
        "GET, /api/v1/audit-events?q={x}, admin",
        "POST, /api/v1/syncs/42/trigger?note=<urgent>, sync-trigger",
        "DELETE, /api/v1/connections/7?q=a b, admin",
    })
    void readsPathWhoseQueryJavaUriRejects(String method, String uri, String scope) {
        assertThat(SHIPPED.requiredScope(method, uri)).isEqualTo(wire(scope));
    }

    @ParameterizedTest(name = "GET {0}")
    @CsvSource({
        "/api/v1/./audit-events",
        "/api/v1/audit-events/..",
        "/api/v1/tokens/../audit-events",
        "/api/v1/..;/v1/audit-events",
        "//api/v1/audit-events",
        "/api/v1//audit-events",
        "/api/v1/%2e%2e/v1/audit-events",
        "/api/v1/tokens%2F..%2Faudit-events",
        "/api/v1/tokens\\..\\audit-events",
        "/api/v1/%zz",
        "api/v1/tokens",
    })
    void requiresAdminForPathItCannotReadSafely(String uri) {
        assertThat(SHIPPED.requiredScope("GET", uri)).isEqualTo(Scope.ADMIN);
    }

    @Test
    void requiresTheDefaultScopeWithoutMethodOrUri() {
        assertThat(SHIPPED.requiredScope(null, null)).isEqualTo(Scope.READ_ONLY);
        assertThat(SHIPPED.requiredScope("DELETE", null)).isEqualTo(Scope.READ_ONLY);
        assertThat(SHIPPED.requiredScope("DELETE", " ")).isEqualTo(Scope.READ_ONLY);
        assertThat(SHIPPED.requiredScope(null, "/api/v1/connections/7")).isEqualTo(Scope.READ_ONLY);
    }

    @Test
    void requiresTheConfiguredDefaultWhereNoRouteMatches() {
        RoutePolicy policy = new RoutePolicy(new RoutePolicyProperties(
                List.of(new RoutePolicyProperties.Route("GET", "/api/v1/**", "read-only")), "sync-trigger"));

        assertThat(policy.requiredScope("POST", "/api/v1/syncs")).isEqualTo(Scope.SYNC_TRIGGER);
        assertThat(policy.requiredScope("GET", "/api/v1/syncs")).isEqualTo(Scope.READ_ONLY);
    }

    @Test
    void defaultsToReadOnlyWithoutConfiguration() {
        RoutePolicy policy = new RoutePolicy(new RoutePolicyProperties(null, null));

        assertThat(policy.requiredScope("DELETE", "/api/v1/connections/7")).isEqualTo(Scope.READ_ONLY);
    }

    @Test
    void refusesUnknownScopeInTheConfiguration() {
        RoutePolicyProperties properties = new RoutePolicyProperties(
                List.of(new RoutePolicyProperties.Route("GET", "/**", "superuser")), "read-only");

        assertThatThrownBy(() -> new RoutePolicy(properties))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("superuser");
    }

    private static Scope wire(String scope) {
        return Scope.fromWireName(scope).orElseThrow();
    }

    private static RoutePolicyProperties shippedProperties() {
        try {
            List<PropertySource<?>> yaml =
                    new YamlPropertySourceLoader().load("application.yml", new ClassPathResource("application.yml"));
            return new Binder(ConfigurationPropertySources.from(yaml))
                    .bind("vf.auth", RoutePolicyProperties.class)
                    .get();
        } catch (IOException e) {
            throw new IllegalStateException("application.yml is on the class path", e);
        }
    }
}
