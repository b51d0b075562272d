package com.versionforge.token.query;

import static org.assertj.core.api.Assertions.assertThat;

import com.versionforge.token.query.testing.QuerySideIntegrationTest;
import org.axonframework.axonserver.connector.event.axon.AxonServerEventStore;
import org.axonframework.axonserver.connector.query.AxonServerQueryBus;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.queryhandling.QueryBus;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.ActiveProfiles;

/**
 * The axonserver profile on the query side: its projections read the events from Axon Server and queries go through
 * it, while the projections' tracking tokens stay in PostgreSQL beside the read models. No Axon Server runs here: the
 * context must start anyway, with the connector retrying in the background.
 */
@QuerySideIntegrationTest
@ActiveProfiles("axonserver")
class AxonServerProfileIT {

    @Autowired
    private ApplicationContext context;

    @Test
    void readsEventsFromAxonServerAndRoutesQueriesThroughIt() {
        assertThat(context.getBean(EventStore.class)).isInstanceOf(AxonServerEventStore.class);
        assertThat(context.getBean(QueryBus.class)).isInstanceOf(AxonServerQueryBus.class);
    }

    @Test
    void leavesNoJdbcEventStorageEngineButKeepsTheTokenStoreInPostgres() {
        assertThat(context.getBeansOfType(EventStorageEngine.class)).isEmpty();
        assertThat(context.getBean(TokenStore.class)).isInstanceOf(JdbcTokenStore.class);
    }
}
