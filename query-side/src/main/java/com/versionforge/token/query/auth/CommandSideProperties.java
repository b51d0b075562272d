package com.versionforge.token.query.auth;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the command side answers the auth check, and how long a check may take before the query side gives up.
 *
 * @param url the command side's base URL, such as {@code http://localhost:8080}
 * @param connectTimeout the longest wait for a connection
 * @param readTimeout the longest wait for the answer
 */
@ConfigurationProperties("vf.command-side")
public record CommandSideProperties(
        URI url,
        @DefaultValue("2s") Duration connectTimeout,
        @DefaultValue("2s") Duration readTimeout) {}
