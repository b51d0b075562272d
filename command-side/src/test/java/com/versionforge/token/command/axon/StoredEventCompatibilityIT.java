package com.versionforge.token.command.axon;

import static com.versionforge.token.command.support.TokenApi.createBody;
import static com.versionforge.token.command.support.TokenApi.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.versionforge.token.api.Scope;
import com.versionforge.token.api.TenantId;
import com.versionforge.token.api.TokenCreatedEvent;
import com.versionforge.token.api.TokenId;
import com.versionforge.token.api.TokenRevokedEvent;
import com.versionforge.token.command.support.RunningCommandSide;
import com.versionforge.token.command.support.TokenIssuer.IssuedToken;
import java.time.Instant;
import org.axonframework.config.Configuration;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * Stored JSON written by a newer version of the service (a field this version does not know) still reads, while the
 * HTTP API keeps refusing unknown fields (TokenRequestInputIT).
 */
class StoredEventCompatibilityIT extends RunningCommandSide {

    private static final String TENANT = "acme";
    private static final Instant REVOKED_AT = Instant.parse("2026-12-03T11:00:00Z");

    @Autowired
    private Configuration axon;

    @Test
    void readsAnEventWithAFieldItDoesNotKnow() {
        Serializer events = axon.eventSerializer();
        TokenRevokedEvent revoked = new TokenRevokedEvent(TokenId.random(), new TenantId(TENANT), "leaked", REVOKED_AT);
        SerializedObject<String> written = events.serialize(revoked, String.class);
        String newer = written.getData().replaceFirst("\\{", "{\"addedByANewerVersion\":{\"level\":3},");

        Object read = events.deserialize(new SimpleSerializedObject<>(newer, String.class, written.getType()));

        assertThat(newer).contains("addedByANewerVersion");
        assertThat(read).isEqualTo(revoked);
    }

    @Test
    void readsAFieldItDoesNotKnowThroughTheSerializerOfSagasAndSnapshots() {
        Serializer general = axon.serializer();
        TokenRevokedEvent revoked = new TokenRevokedEvent(TokenId.random(), new TenantId(TENANT), null, REVOKED_AT);
        SerializedObject<String> written = general.serialize(revoked, String.class);
        String newer = written.getData().replaceFirst("\\{", "{\"addedByANewerVersion\":true,");

        Object read = general.deserialize(new SimpleSerializedObject<>(newer, String.class, written.getType()));

        assertThat(read).isEqualTo(revoked);
    }

    @Test
    void loadsATokenWhoseStoredCreationEventGainedAField() {
        IssuedToken admin = issuer.issue(TENANT, Scope.ADMIN);
        String id = json(api.create(admin.secret(), createBody("Datadog Monitor", "read-only", "30d")))
                .path("id")
                .asText();
        int changed =
                jdbc.sql("""
                        UPDATE domainevententry
                        SET payload = convert_to(
                                (convert_from(payload, 'UTF8')::jsonb || '{"addedByANewerVersion": "x"}')::text,
                                'UTF8')
                        WHERE aggregateidentifier = ? AND payloadtype = ?""").param(id).param(TokenCreatedEvent.class.getName()).update();

        ResponseEntity<String> revoked = api.revoke(admin.secret(), id, null);

        assertThat(changed).isEqualTo(1);
        assertThat(revoked.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(json(revoked).path("status").asText()).isEqualTo("revoked");
    }
}
