package com.versionforge.token.command.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsConfigurationSource;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;
import org.springframework.web.filter.CorsFilter;

/**
 * Lets the configured origins, and no others, call /api/v1 from a browser. It is a servlet filter rather than an MVC
 * mapping so that preflights are answered before the Bearer interceptor (a preflight never carries a token) and so
 * that every answer, a refusal by a filter included, carries the CORS headers the page needs to read it.
 */
@Configuration(proxyBeanMethods = false)
class CrossOriginConfiguration {

    /** What a page may read of an answer besides the simple headers: rate limits, retry time, request id, location. */
    static final List<String> EXPOSED_HEADERS = List.of(
            "X-RateLimit-Limit",
            "X-RateLimit-Remaining",
            "X-RateLimit-Reset",
            HttpHeaders.RETRY_AFTER,
            RequestIdFilter.HEADER,
            HttpHeaders.LOCATION);

    private static final Logger logger = LoggerFactory.getLogger(CrossOriginConfiguration.class);
    private static final Duration PREFLIGHT_CACHE = Duration.ofMinutes(10);

    /** Right after the request id, so that a refused cross-origin request still carries its id. */
    @Bean
    FilterRegistrationBean<CorsFilter> corsFilter(CrossOriginProperties properties, ObjectMapper objectMapper) {
        CorsFilter filter = new CorsFilter(apiPolicy(properties));
        filter.setCorsProcessor(new ProblemCorsProcessor(objectMapper));
        FilterRegistrationBean<CorsFilter> registration = new FilterRegistrationBean<>(filter);
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
        return registration;
    }

    /**
     * Not a bean of its own: Spring MVC's handler mapping introspector is a {@link CorsConfigurationSource} too, and
     * this policy belongs to the filter alone.
     */
    private static CorsConfigurationSource apiPolicy(CrossOriginProperties properties) {
        CorsConfiguration api = new CorsConfiguration();
        api.setAllowedOrigins(properties.allowedOrigins());
        api.setAllowedMethods(List.of(HttpMethod.GET.name(), HttpMethod.POST.name()));
        api.setAllowedHeaders(List.of(HttpHeaders.AUTHORIZATION, HttpHeaders.CONTENT_TYPE));
        api.setExposedHeaders(EXPOSED_HEADERS);
        // Tokens travel in the Authorization header, never in cookies: nothing ambient to send along.
        api.setAllowCredentials(false);
        api.setMaxAge(PREFLIGHT_CACHE);

        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        source.registerCorsConfiguration("/api/v1/**", api);
        logger.info("Cross-origin calls to /api/v1 allowed from {}", properties.allowedOrigins());
        return source;
    }
}
