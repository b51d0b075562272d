package com.versionforge.token.query.projection;

import com.versionforge.token.query.testing.TokenHistory;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ResetHandler;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * Records which thread handled each event, per processing group, through a handler of its own in the dashboard's and
 * the audit trail's groups; a group's reset forgets its records. It tells a redelivery apart, which the projections
 * hide by being idempotent, and a bulk replay (its threads) from the processors (their own threads); it can make the
 * handling of one event fail, and look at the database while events are handled.
 */
final class HandlingRecorder {

    private final Map<String, Map<String, List<String>>> threads = new ConcurrentHashMap<>();
    private volatile String failingEvent;
    private volatile Supplier<?> probe;
    private final Queue<Object> probed = new ConcurrentLinkedQueue<>();
    // Every handling, in order: its group and event identifier.
    private final Queue<List<String>> order = new ConcurrentLinkedQueue<>();

    void handled(String processingGroup, EventMessage<?> event) {
        if (event.getIdentifier().equals(failingEvent)) {
            throw new IllegalStateException("Failing on purpose at event [" + failingEvent + "]");
        }
        Supplier<?> current = probe;
        if (current != null) {
            probed.add(current.get());
        }
        order.add(List.of(processingGroup, event.getIdentifier()));
        threads.computeIfAbsent(processingGroup, group -> new ConcurrentHashMap<>())
                .computeIfAbsent(event.getIdentifier(), id -> new CopyOnWriteArrayList<>())
                .add(Thread.currentThread().getName());
    }

    /** Makes the handling of that event fail in both groups, from now until it is called with null. */
    void failOn(String eventIdentifier) {
        failingEvent = eventIdentifier;
    }

    /**
     * Asks {@code probe} at every handling, in both groups, from now until it is called with null, and forgets what it
     * answered before.
     */
    void probe(Supplier<?> probe) {
        probed.clear();
        this.probe = probe;
    }

    /** What the probe answered, once per handling. */
    List<Object> probed() {
        return List.copyOf(probed);
    }

    /**
     * A probe: how many rows of {@code table} are committed, read on a connection of its own, outside the transaction
     * of the handler that asks.
     */
    static Supplier<Long> committedRows(DataSource dataSource, String table) {
        return () -> {
            try (Connection connection = dataSource.getConnection();
                    PreparedStatement query = connection.prepareStatement("SELECT count(*) FROM " + table);
                    ResultSet row = query.executeQuery()) {
                row.next();
                return row.getLong(1);
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        };
    }

    void reset(String processingGroup) {
        threads.remove(processingGroup);
        order.removeIf(handling -> handling.get(0).equals(processingGroup));
    }

    /** How often each event was handled in that group since its last reset, by event identifier. */
    Map<String, Integer> counts(String processingGroup) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        threads.getOrDefault(processingGroup, Map.of()).forEach((id, names) -> counts.put(id, names.size()));
        return counts;
    }

    /** How often handling passed from one group to the other while the groups handled {@code eventIds}. */
    int groupChanges(List<String> eventIds) {
        int changes = 0;
        String last = null;
        for (List<String> handling : order) {
            if (eventIds.contains(handling.get(1))) {
                changes += last != null && !last.equals(handling.get(0)) ? 1 : 0;
                last = handling.get(0);
            }
        }
        return changes;
    }

    /** The threads that handled each of {@code eventIds} in that group, once per time it was handled. */
    Map<String, List<String>> threads(String processingGroup, List<String> eventIds) {
        Map<String, List<String>> byEvent = new LinkedHashMap<>();
        Map<String, List<String>> group = threads.getOrDefault(processingGroup, Map.of());
        eventIds.forEach(id -> byEvent.put(id, List.copyOf(group.getOrDefault(id, List.of()))));
        return byEvent;
    }

    /** Records what one processing group handles; a subclass names the group. */
    abstract static class InGroup {

        private final HandlingRecorder recorder;
        private final String processingGroup;

        InGroup(HandlingRecorder recorder, String processingGroup) {
            this.recorder = recorder;
            this.processingGroup = processingGroup;
        }

        @EventHandler
        void on(Object payload, EventMessage<?> event) {
            recorder.handled(processingGroup, event);
        }

        @ResetHandler
        void reset() {
            recorder.reset(processingGroup);
        }
    }

    @ProcessingGroup(TokenHistory.DASHBOARD)
    static final class InDashboard extends InGroup {

        InDashboard(HandlingRecorder recorder) {
            super(recorder, TokenHistory.DASHBOARD);
        }
    }

    @ProcessingGroup(TokenHistory.AUDIT)
    static final class InAudit extends InGroup {

        InAudit(HandlingRecorder recorder) {
            super(recorder, TokenHistory.AUDIT);
        }
    }

    /** The recorder and its two handlers, for a test's context ({@code @Import}). */
    @TestConfiguration(proxyBeanMethods = false)
    static class InBothProjections {

        @Bean
        HandlingRecorder handlingRecorder() {
            return new HandlingRecorder();
        }

        @Bean
        InDashboard handlingInDashboard(HandlingRecorder recorder) {
            return new InDashboard(recorder);
        }

        @Bean
        InAudit handlingInAudit(HandlingRecorder recorder) {
            return new InAudit(recorder);
        }
    }
}
