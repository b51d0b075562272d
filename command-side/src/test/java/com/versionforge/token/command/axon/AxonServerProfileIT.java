package com.versionforge.token.command.axon;

import static org.assertj.core.api.Assertions.assertThat;

import com.versionforge.token.command.support.RunningCommandSide;
import org.axonframework.axonserver.connector.command.AxonServerCommandBus;
import org.axonframework.axonserver.connector.event.axon.AxonServerEventStore;
import org.axonframework.axonserver.connector.query.AxonServerQueryBus;
import org.axonframework.commandhandling.CommandBus;
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
 * The axonserver profile wires Axon Server in for events, commands and queries while tracking tokens stay in PostgreSQL. No
 * Axon Server runs here: the context must start anyway, with the connector retrying in the background.
 */
@ActiveProfiles("axonserver")
class AxonServerProfileIT extends RunningCommandSide {

    @Autowired
    private ApplicationContext context;

    @Test
    void storesEventsAndRoutesCommandsAndQueriesThroughAxonServer() {
        assertThat(context.getBean(EventStore.class)).isInstanceOf(AxonServerEventStore.class);
        assertThat(context.getBean(CommandBus.class)).isInstanceOf(AxonServerCommandBus.class);
        assertThat(context.getBean(QueryBus.class)).isInstanceOf(AxonServerQueryBus.class);
    }

    @Test
    void leavesNoJdbcEventStorageEngineButKeepsTheTokenStoreInPostgres() {
        assertThat(context.getBeansOfType(EventStorageEngine.class)).isEmpty();
        assertThat(context.getBean(TokenStore.class)).isInstanceOf(JdbcTokenStore.class);
    }
}
