package com.versionforge.token.query.auth;

import com.versionforge.token.api.Scope;
import com.versionforge.token.api.TenantId;
import com.versionforge.token.api.TokenId;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * Asks the command side's {@code GET /api/v1/auth/check} whether a request's Authorization header may read. Nothing is
 * cached: every check counts against the token's rate limit and records its use, and a revoked token must fail at
 * once.
 */
@Component
class AuthCheckClient {

    private static final Logger logger = LoggerFactory.getLogger(AuthCheckClient.class);
    private static final String CHECK_PATH = "/api/v1/auth/check";
    private static final String TENANT_ID = "X-VF-Tenant-Id";
    private static final String TOKEN_ID = "X-VF-Token-Id";
    private static final String TOKEN_SCOPE = "X-VF-Token-Scope";
    private static final List<String> RATE_LIMIT_HEADERS =
            List.of("X-RateLimit-Limit", "X-RateLimit-Remaining", "X-RateLimit-Reset");
    private static final List<HttpStatus> RELAYED_REFUSALS =
            List.of(HttpStatus.UNAUTHORIZED, HttpStatus.FORBIDDEN, HttpStatus.TOO_MANY_REQUESTS);
    private static final List<String> RELAYED_REFUSAL_HEADERS =
            List.of(HttpHeaders.CONTENT_TYPE, HttpHeaders.WWW_AUTHENTICATE, HttpHeaders.RETRY_AFTER);
    // A refusal is a small problem+json document; anything longer is cut rather than buffered whole.
    private static final int MAX_REFUSAL_BODY_BYTES = 16 * 1024;

    private final RestClient restClient;

    AuthCheckClient(RestClient.Builder builder, CommandSideProperties properties) {
        HttpClient httpClient = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(properties.connectTimeout())
                .build();
        JdkClientHttpRequestFactory requestFactory = new JdkClientHttpRequestFactory(httpClient);
        requestFactory.setReadTimeout(properties.readTimeout());
        this.restClient = builder.baseUrl(properties.url().toString())
                .requestFactory(requestFactory)
                .build();
    }

    /**
     * Checks a token for the read-only scope, which every query endpoint needs.
     *
     * @param authorization the client's Authorization header as it came, or null when it sent none
     * @param clientIp the client's address, forwarded so that the token's last use names the client, not this service
     * @param userAgent the client's User-Agent, forwarded for the same reason; null when it sent none
     * @throws AuthRefusedException with the command side's answer when it refuses the token
     * @throws AuthUnavailableException when the command side cannot tell
     */
    AuthCheckPass check(String authorization, String clientIp, String userAgent) {
        try {
            return restClient
                    .get()
                    .uri(uri -> uri.path(CHECK_PATH)
                            .queryParam("scope", Scope.READ_ONLY.wireName())
                            .build())
                    .headers(headers -> {
                        if (authorization != null) {
                            headers.set(HttpHeaders.AUTHORIZATION, authorization);
                        }
                        headers.set("X-Forwarded-For", clientIp);
                        if (userAgent != null) {
                            headers.set(HttpHeaders.USER_AGENT, userAgent);
                        }
                    })
                    .exchange((request, response) ->
                            interpret(response.getStatusCode(), response.getHeaders(), response.getBody()));
        } catch (RestClientException e) {
            logger.warn(
                    "The auth check could not be reached: {}",
                    e.getMostSpecificCause().toString());
            throw new AuthUnavailableException("The auth check could not be reached", e);
        }
    }

    private static AuthCheckPass interpret(HttpStatusCode status, HttpHeaders headers, InputStream body)
            throws IOException {
        if (status.isSameCodeAs(HttpStatus.OK)) {
            return new AuthCheckPass(caller(headers), only(headers, RATE_LIMIT_HEADERS));
        }
        if (RELAYED_REFUSALS.stream().anyMatch(status::isSameCodeAs)) {
            HttpHeaders relayed = only(headers, RELAYED_REFUSAL_HEADERS);
            relayed.addAll(only(headers, RATE_LIMIT_HEADERS));
            throw new AuthRefusedException(status, relayed, body.readNBytes(MAX_REFUSAL_BODY_BYTES));
        }
        logger.warn("The auth check answered with unexpected status [{}]", status.value());
        throw new AuthUnavailableException("The auth check answered with an unexpected status", null);
    }

    private static Caller caller(HttpHeaders headers) {
        try {
            return new Caller(
                    TokenId.parse(required(headers, TOKEN_ID)),
                    new TenantId(required(headers, TENANT_ID)),
                    Scope.fromWireName(required(headers, TOKEN_SCOPE)).orElseThrow(IllegalArgumentException::new));
        } catch (IllegalArgumentException e) {
            // Reading on without a tenant would serve nobody's data, or someone else's: refuse instead.
            logger.warn("The auth check passed a token without a valid token id, tenant id and scope");
            throw new AuthUnavailableException("The auth check passed a token without a valid identity", e);
        }
    }

    private static String required(HttpHeaders headers, String name) {
        return Optional.ofNullable(headers.getFirst(name)).orElseThrow(IllegalArgumentException::new);
    }

    private static HttpHeaders only(HttpHeaders headers, List<String> names) {
        HttpHeaders selected = new HttpHeaders();
        names.stream().filter(headers::containsKey).forEach(name -> selected.put(name, List.copyOf(headers.get(name))));
        return selected;
    }
}
