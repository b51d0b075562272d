package com.versionforge.token.query.projection;

import static org.assertj.core.api.Assertions.assertThat;

import com.versionforge.token.api.Scope;
import com.versionforge.token.api.TenantId;
import com.versionforge.token.api.TokenId;
import com.versionforge.token.api.TokenRotatedEvent;
import com.versionforge.token.query.testing.MutableClock;
import com.versionforge.token.query.testing.QuerySideIntegrationTest;
import com.versionforge.token.query.testing.TokenHistory;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.async.SequencingPolicy;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Both projections sequence their events by tenant: a rotation's event on the old token and the creation of its
 * successor, two tokens, go to one segment, while the events of other tenants spread over the segments.
 */
@QuerySideIntegrationTest
class TenantSequencingIT {

    private static final Instant NOW = MutableClock.DEFAULT_NOW;

    @Autowired
    private EventProcessingConfiguration processing;

    @ParameterizedTest
    @ValueSource(strings = {TokenHistory.DASHBOARD, TokenHistory.AUDIT})
    void putsTheTwoTokensOfARotationInOneSequenceAndTenantsApart(String processingGroup) {
        SequencingPolicy<? super EventMessage<?>> policy = processing.sequencingPolicy(processingGroup);
        TenantId tenant = new TenantId("sequenced-co");
        TokenId old = new TokenId(UUID.randomUUID());
        TokenId successor = new TokenId(UUID.randomUUID());

        Object rotated = policy.getSequenceIdentifierFor(
                message(old, new TokenRotatedEvent(old, tenant, successor, NOW, NOW.plus(Duration.ofHours(1)))));
        Object created = policy.getSequenceIdentifierFor(message(
                successor,
                TokenHistory.created(successor, tenant, "Next", Scope.READ_ONLY, NOW, NOW.plus(Duration.ofDays(30)))));
        Object otherTenant = policy.getSequenceIdentifierFor(message(
                old,
                TokenHistory.created(
                        old, new TenantId("other-co"), "Other", Scope.READ_ONLY, NOW, NOW.plus(Duration.ofDays(30)))));

        assertThat(created).isEqualTo(rotated);
        assertThat(otherTenant).isNotEqualTo(rotated);
    }

    private static EventMessage<?> message(TokenId tokenId, Object payload) {
        return new GenericDomainEventMessage<>(TokenHistory.AGGREGATE_TYPE, tokenId.toString(), 0, payload);
    }
}
