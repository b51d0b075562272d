package com.versionforge.token.query.projection;

import java.util.ArrayList;
import java.util.List;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The SQL writes of a projection's event handlers, collected for the batch of events that a tracking processor's unit
 * of work covers and sent just before it commits, in its transaction. They run in the order they were made; a run of
 * writes with the same SQL is sent as one JDBC batch, which PostgreSQL's driver sends in one round trip. Handlers
 * called outside a unit of work, as tests do, write at once.
 *
 * <p>A handler sees the database as it was before its batch: a projection whose handlers read what earlier handlers of
 * the same batch wrote must not use this.
 */
@Component
public class BatchedWrites {

    private static final String RESOURCE = BatchedWrites.class.getName();

    private final JdbcTemplate jdbc;

    BatchedWrites(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Writes {@code sql} with {@code parameters} before the current unit of work commits, after earlier writes. */
    public void update(String sql, Object... parameters) {
        if (!CurrentUnitOfWork.isStarted()) {
            jdbc.update(sql, parameters);
            return;
        }
        UnitOfWork<?> root = CurrentUnitOfWork.get().root();
        Pending pending = root.getOrComputeResource(RESOURCE, key -> {
            Pending created = new Pending();
            root.onPrepareCommit(unitOfWork -> created.flush(jdbc));
            return created;
        });
        pending.add(sql, parameters);
    }

    /** The writes of one unit of work, as runs of the same SQL; confined to the processor's thread. */
    private static final class Pending {

        private final List<Run> runs = new ArrayList<>();

        void add(String sql, Object[] parameters) {
            Run last = runs.isEmpty() ? null : runs.get(runs.size() - 1);
            if (last == null || !last.sql().equals(sql)) {
                last = new Run(sql, new ArrayList<>());
                runs.add(last);
            }
            last.parameters().add(parameters);
        }

        void flush(JdbcTemplate jdbc) {
            runs.forEach(run -> jdbc.batchUpdate(run.sql(), run.parameters()));
            runs.clear();
        }
    }

    private record Run(String sql, List<Object[]> parameters) {}
}
