package com.versionforge.token.command.axon;

import static com.versionforge.token.command.support.TokenApi.TOKENS;
import static com.versionforge.token.command.support.TokenApi.createBody;
import static com.versionforge.token.command.support.TokenApi.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.versionforge.token.api.Scope;
import com.versionforge.token.api.TokenCreatedEvent;
import com.versionforge.token.api.TokenRevokedEvent;
import com.versionforge.token.command.support.RunningCommandSide;
import com.versionforge.token.command.support.TokenIssuer.IssuedToken;
import java.net.InetAddress;
import java.net.UnknownHostException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** Who did it, from where and in which request: the metadata that a command made over HTTP leaves on its events. */
class EventMetadataIT extends RunningCommandSide {

    private static final String TENANT = "acme";
    private static final String CREATE_REQUEST_ID = "it-req-1";
    private static final String REVOKE_REQUEST_ID = "it-req-2";
    private static final ObjectMapper JSON = new ObjectMapper();

    private IssuedToken admin;

    @BeforeEach
    void issueAdmin() {
        admin = issuer.issue(TENANT, Scope.ADMIN);
    }

    @Test
    void recordsActorClientIpAndRequestIdOnTheCreatedEvent() throws Exception {
        ResponseEntity<String> created = create(CREATE_REQUEST_ID);

        JsonNode metadata = metadataOf(json(created).path("id").asText(), TokenCreatedEvent.class);

        assertThat(created.getHeaders().getFirst("X-Request-Id")).isEqualTo(CREATE_REQUEST_ID);
        assertThat(metadata.path("actor").asText()).isEqualTo("token:" + admin.id());
        assertThat(metadata.path("requestId").asText()).isEqualTo(CREATE_REQUEST_ID);
        assertThat(isLoopback(metadata.path("clientIp").asText())).isTrue();
    }

    @Test
    void recordsActorClientIpAndRequestIdOnTheRevokedEvent() throws Exception {
        String id = json(create(CREATE_REQUEST_ID)).path("id").asText();
        HttpHeaders headers = new HttpHeaders();
        headers.set("X-Request-Id", REVOKE_REQUEST_ID);

        api.post(TOKENS + "/" + id + "/revoke", admin.secret(), MediaType.APPLICATION_JSON, null, headers);

        JsonNode metadata = metadataOf(id, TokenRevokedEvent.class);
        assertThat(metadata.path("actor").asText()).isEqualTo("token:" + admin.id());
        assertThat(metadata.path("requestId").asText()).isEqualTo(REVOKE_REQUEST_ID);
        assertThat(isLoopback(metadata.path("clientIp").asText())).isTrue();
    }

    @Test
    void replacesRequestIdItWillNotStoreWithOneOfItsOwn() throws Exception {
        ResponseEntity<String> created = create("two words");

        String given = created.getHeaders().getFirst("X-Request-Id");
        JsonNode metadata = metadataOf(json(created).path("id").asText(), TokenCreatedEvent.class);

        assertThat(given).isNotBlank().isNotEqualTo("two words");
        assertThat(metadata.path("requestId").asText()).isEqualTo(given);
    }

    private ResponseEntity<String> create(String requestId) {
        HttpHeaders headers = new HttpHeaders();
        headers.set("X-Request-Id", requestId);
        return api.post(
                TOKENS,
                admin.secret(),
                MediaType.APPLICATION_JSON,
                createBody("Salesforce sync " + requestId, "sync-trigger", "90d"),
                headers);
    }

    private JsonNode metadataOf(String tokenId, Class<?> eventType) throws Exception {
        String metadata = jdbc.sql("""
                        SELECT convert_from(metadata, 'UTF8') FROM domainevententry
                        WHERE aggregateidentifier = ? AND payloadtype = ?""")
                .param(tokenId)
                .param(eventType.getName())
                .query(String.class)
                .single();
        return JSON.readTree(metadata);
    }

    private static boolean isLoopback(String address) throws UnknownHostException {
        return !address.isBlank() && InetAddress.getByName(address).isLoopbackAddress();
    }
}
