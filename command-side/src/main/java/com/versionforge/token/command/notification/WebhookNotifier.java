package com.versionforge.token.command.notification;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * POSTs notices as JSON, signed so the receiver can tell they come from this service: {@code X-VF-Timestamp} is the
 * epoch second of sending and {@code X-VF-Signature} is {@code sha256=} and the hex HMAC-SHA256 of
 * {@code "<timestamp>.<body>"} with the tenant's signing secret. A receiver should refuse old timestamps. An answer
 * other than 2xx counts as a failure and is retried; redirects are not followed.
 */
@Component
class WebhookNotifier {

    static final String TIMESTAMP_HEADER = "X-VF-Timestamp";
    static final String SIGNATURE_HEADER = "X-VF-Signature";
    static final String DELIVERY_HEADER = "X-VF-Delivery";

    private final RestClient restClient;
    private final ObjectMapper objectMapper;
    private final Clock clock;
    private final WebhookAddresses addresses;

    WebhookNotifier(
            NotificationProperties properties, ObjectMapper objectMapper, Clock clock, WebhookAddresses addresses) {
        HttpClient httpClient = HttpClient.newBuilder()
                .connectTimeout(properties.webhookTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        JdkClientHttpRequestFactory requestFactory = new JdkClientHttpRequestFactory(httpClient);
        requestFactory.setReadTimeout(properties.webhookTimeout());
        this.restClient = RestClient.builder().requestFactory(requestFactory).build();
        this.objectMapper = objectMapper;
        this.clock = clock;
        this.addresses = addresses;
    }

    void send(String url, WebhookSigningSecret secret, TokenNotice notice) {
        addresses.checkResolved(url);
        String body = json(notice);
        String timestamp = Long.toString(clock.instant().getEpochSecond());

        try {
            restClient
                    .post()
                    .uri(URI.create(url))
                    .contentType(MediaType.APPLICATION_JSON)
                    .header(TIMESTAMP_HEADER, timestamp)
                    .header(SIGNATURE_HEADER, secret.sign(timestamp, body))
                    .header(DELIVERY_HEADER, notice.delivery().deliveryId())
                    .body(body.getBytes(StandardCharsets.UTF_8))
                    .retrieve()
                    // Anything but a 2xx is no delivery: a redirect (never followed) included, not only 4xx and 5xx.
                    .onStatus(status -> !status.is2xxSuccessful(), (request, response) -> {
                        throw new NoticeDeliveryException("The webhook answered HTTP "
                                + response.getStatusCode().value());
                    })
                    .toBodilessEntity();
        } catch (RestClientException e) {
            throw new NoticeDeliveryException("The webhook could not be reached: " + rootCauseType(e));
        }
    }

    private static String rootCauseType(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause.getClass().getSimpleName();
    }

    private String json(TokenNotice notice) {
        try {
            return objectMapper.writeValueAsString(notice.document());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A notice document of strings and instants is always JSON", e);
        }
    }
}
