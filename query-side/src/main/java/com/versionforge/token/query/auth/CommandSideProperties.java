package com.versionforge.token.query.auth;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the command side answers the auth check, how long a check may take before the query side gives up, and where
 * a browser finds the command side.
 *
 * @param url the command side's base URL as the query side reaches it, such as {@code http://localhost:8080}
 * @param connectTimeout the longest wait for a connection
 * @param readTimeout the longest wait for the answer
 * @param publicUrl the command side's base URL as a browser reaches it, for the token page's create and revoke; null
 *     when it is {@code url}
 */
@ConfigurationProperties("vf.command-side")
public record CommandSideProperties(
        URI url,
        @DefaultValue("2s") Duration connectTimeout,
        @DefaultValue("2s") Duration readTimeout,
        URI publicUrl) {

    /** The base URL a browser calls, without a trailing slash. */
    public String browserUrl() {
        String base = (publicUrl != null ? publicUrl : url).toString();
        return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }
}
