package com.versionforge.token.command.ratelimit;

import com.versionforge.token.api.Scope;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where buckets live and, for deployments that need other figures, the per-scope limits.
 *
 * @param store {@code memory} for one node, {@code postgres} for several nodes sharing each token's budget
 * @param requestsPerMinute per scope wire name; a scope left out keeps the product's limit (120, 60, 30)
 */
@ConfigurationProperties("vf.rate-limit")
public record RateLimitProperties(Store store, Map<String, Integer> requestsPerMinute) {

    /** Where the buckets are kept. */
    public enum Store {
        MEMORY,
        POSTGRES
    }

    public RateLimitProperties {
        store = store == null ? Store.MEMORY : store;
        requestsPerMinute = requestsPerMinute == null ? Map.of() : Map.copyOf(requestsPerMinute);
        requestsPerMinute.forEach((scope, limit) -> {
            if (Scope.fromWireName(scope).isEmpty() || limit == null || limit < 1) {
                throw new IllegalArgumentException("vf.rate-limit.requests-per-minute needs a scope and a limit >= 1");
            }
        });
    }

    int limitOf(Scope scope) {
        return requestsPerMinute.getOrDefault(scope.wireName(), scope.requestsPerMinute());
    }
}
