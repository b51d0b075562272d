package com.versionforge.token.command.web;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Which web pages may call the API from another origin, such as the query side's Settings › API Tokens page.
 *
 * @param allowedOrigins exact origins ({@code scheme://host:port}); empty allows no cross-origin call at all
 */
@ConfigurationProperties("vf.cors")
public record CrossOriginProperties(
        @DefaultValue("http://localhost:8081") List<String> allowedOrigins) {

    public CrossOriginProperties {
        allowedOrigins = List.copyOf(allowedOrigins);
    }
}
