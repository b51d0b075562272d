package com.versionforge.token.query.axon;

import static org.assertj.core.api.Assertions.assertThat;

import com.versionforge.token.api.Scope;
import com.versionforge.token.api.TenantId;
import com.versionforge.token.api.TokenCreatedEvent;
import com.versionforge.token.api.TokenId;
import com.versionforge.token.api.TokenRevokedEvent;
import com.versionforge.token.query.testing.MutableClock;
import com.versionforge.token.query.testing.QuerySideIntegrationTest;
import com.versionforge.token.query.testing.TokenHistory;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Events written by a newer command side (a field this version does not know) still read on the query side. */
@QuerySideIntegrationTest
class StoredEventCompatibilityIT {

    private static final TenantId TENANT = new TenantId("compatibility-co");
    private static final TokenId TOKEN = new TokenId(UUID.fromString("c0000000-0000-4000-8000-000000000001"));
    private static final Instant NOW = MutableClock.DEFAULT_NOW;

    @Autowired
    private Configuration axon;

    @Autowired
    private TokenHistory history;

    @Autowired
    private EventStore eventStore;

    @Autowired
    private JdbcClient jdbc;

    @Test
    void readsAnEventWithAFieldItDoesNotKnow() {
        Serializer events = axon.eventSerializer();
        TokenRevokedEvent revoked = new TokenRevokedEvent(TokenId.random(), TENANT, "leaked", NOW);
        SerializedObject<String> written = events.serialize(revoked, String.class);
        String newer = written.getData().replaceFirst("\\{", "{\"addedByANewerVersion\":[1,2],");

        Object read = events.deserialize(new SimpleSerializedObject<>(newer, String.class, written.getType()));

        assertThat(newer).contains("addedByANewerVersion");
        assertThat(read).isEqualTo(revoked);
    }

    @Test
    void readsAStoredEventThatGainedAField() {
        TokenCreatedEvent created =
                TokenHistory.created(TOKEN, TENANT, "Compatible", Scope.READ_ONLY, NOW, NOW.plus(Duration.ofDays(30)));
        history.create(created, "user:alice");
        int changed = jdbc.sql("""
                        UPDATE domainevententry
                        SET payload = convert_to(
                                (convert_from(payload, 'UTF8')::jsonb || '{"addedByANewerVersion": "x"}')::text,
                                'UTF8')
                        WHERE aggregateidentifier = ?""").param(TOKEN.toString()).update();

        Object read = eventStore
                .readEvents(TOKEN.toString())
                .asStream()
                .map(DomainEventMessage::getPayload)
                .findFirst()
                .orElseThrow();

        assertThat(changed).isEqualTo(1);
        assertThat(read).isEqualTo(created);
    }
}
