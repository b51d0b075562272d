package com.versionforge.token.query.dashboard;

import com.versionforge.token.query.projection.ColumnArrays;
import com.versionforge.token.query.projection.ProjectionReplay;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The changes that {@link DashboardProjection}'s handlers make to {@code token_dashboard}, collected for the batch
 * of events that a unit of work covers and applied just before it commits, in its transaction: one query reads the
 * rows the batch touches, the events change them in memory in event order, and each changed row is written once,
 * however many of the batch's events touched it, by one statement for the new rows and one for the others ({@link
 * ColumnArrays}). A replay of a token used in many windows thus writes its row once per batch rather than once per
 * window. A bulk replay applies each page's changes to the rows in memory at the page's end and holds the rows across
 * its pages, until its pages since the last commit hold {@code vf.projection.replay.dashboard-events-per-commit} events
 * or more, or until the end of the page at which it holds {@code vf.projection.replay.dashboard-rows-per-commit} rows or
 * more, and stores the processor's position with them, so a row is written once per such commit rather than once per
 * page, and what a replay holds in memory is rows, not events. Handlers called outside a unit of work, as tests do,
 * change the table at once.
 *
 * <p>The processor sequences events by tenant, so no other thread changes a batch's rows while it is open.
 */
@Component
class DashboardChanges {

    private static final String RESOURCE = DashboardChanges.class.getName();
    private static final String PAGE_RESOURCE = RESOURCE + ".page";

    private final JdbcTemplate jdbc;
    private final int replayEventsPerCommit;
    private final int replayRowsPerCommit;

    DashboardChanges(
            JdbcTemplate jdbc,
            @Value("${vf.projection.replay.dashboard-events-per-commit}") int replayEventsPerCommit,
            @Value("${vf.projection.replay.dashboard-rows-per-commit}") int replayRowsPerCommit) {
        this.jdbc = jdbc;
        this.replayEventsPerCommit = replayEventsPerCommit;
        this.replayRowsPerCommit = replayRowsPerCommit;
    }

    /** Adds the row of a new token, unless it exists; links it to the token it replaces, whose rotation names it. */
    void create(DashboardRow row) {
        add(new Change(row.tokenId(), true, rows -> rows.create(row)));
    }

    /** Applies the event at {@code sequence} to the token's row, unless the row has it already or does not exist. */
    void change(UUID tokenId, long sequence, Consumer<DashboardRow> change) {
        add(new Change(tokenId, false, rows -> {
            DashboardRow row = rows.get(tokenId);
            if (row != null && !row.hasApplied(sequence)) {
                change.accept(row);
                row.applied(sequence);
                rows.changed(row);
            }
        }));
    }

    /** Records on a successor's row, if it exists yet, the token it replaces (else its creation will). */
    void linkSuccessor(UUID successor, UUID predecessor) {
        add(new Change(successor, false, rows -> {
            DashboardRow row = rows.get(successor);
            if (row != null) {
                row.replaces(predecessor);
                rows.changed(row);
            }
        }));
    }

    private void add(Change change) {
        if (!CurrentUnitOfWork.isStarted()) {
            Batch alone = new Batch();
            alone.add(change);
            alone.apply();
            return;
        }
        UnitOfWork<?> root = CurrentUnitOfWork.get().root();
        ProjectionReplay.HeldWrites bulkReplay = root.getResource(ProjectionReplay.BULK_REPLAY_RESOURCE);
        if (bulkReplay != null) {
            Batch held = bulkReplay.holdAcrossPages(Batch.class, replayEventsPerCommit, Batch::new, Batch::apply);
            held.add(change);
            // Runs before the replay's own prepare-commit handler, which the last event of the page registers.
            root.getOrComputeResource(PAGE_RESOURCE, key -> {
                root.onPrepareCommit(unitOfWork -> {
                    held.absorb();
                    if (held.size() >= replayRowsPerCommit) {
                        bulkReplay.commitAfterThisPage();
                    }
                });
                return held;
            });
            return;
        }
        root.getOrComputeResource(RESOURCE, key -> {
                    Batch created = new Batch();
                    root.onPrepareCommit(unitOfWork -> created.apply());
                    return created;
                })
                .add(change);
    }

    /** One change, with the token whose row it needs and whether it creates that row. */
    private record Change(UUID tokenId, boolean creates, Consumer<Batch> apply) {}

    /** The changes of one unit of work, or of a bulk replay's pages, and the rows they touch. */
    private final class Batch {

        private final List<Change> changes = new ArrayList<>();
        private final Map<UUID, DashboardRow> rows = new HashMap<>();
        private final Map<UUID, UUID> predecessors = new HashMap<>();
        private final Set<UUID> stored = new HashSet<>();
        private final Set<UUID> changed = new LinkedHashSet<>();

        void add(Change change) {
            changes.add(change);
        }

        DashboardRow get(UUID tokenId) {
            return rows.get(tokenId);
        }

        /** The rows held. */
        int size() {
            return rows.size();
        }

        void changed(DashboardRow row) {
            changed.add(row.tokenId());
            if (row.rotatedTo() != null) {
                predecessors.put(row.rotatedTo(), row.tokenId());
            }
        }

        void create(DashboardRow row) {
            if (rows.containsKey(row.tokenId())) {
                return;
            }
            UUID predecessor = predecessors.get(row.tokenId());
            if (predecessor != null) {
                row.replaces(predecessor);
            }
            rows.put(row.tokenId(), row);
            changed(row);
        }

        /** Writes every row changed, and forgets them. */
        void apply() {
            absorb();
            write();
            rows.clear();
            predecessors.clear();
            stored.clear();
            changed.clear();
        }

        /** Applies the changes taken so far to the rows in memory, reading those it does not hold yet. */
        void absorb() {
            load();
            changes.forEach(change -> change.apply().accept(this));
            changes.clear();
        }

        /**
         * The rows the changes touch that are not in memory yet, and the predecessors of the tokens they create, in
         * two queries. Each joins the array of tokens rather than testing {@code = ANY (?)}: once the driver prepares
         * the statement, PostgreSQL may plan it generically, and on a table whose statistics a replay's truncation
         * emptied it then scans the table comparing every row with every element (a replay committing every 60,000
         * events spent 59 s in PostgreSQL on a million events, 9 s with the join).
         */
        private void load() {
            UUID[] touched = changes.stream()
                    .map(Change::tokenId)
                    .filter(tokenId -> !rows.containsKey(tokenId))
                    .distinct()
                    .toArray(UUID[]::new);
            if (touched.length > 0) {
                jdbc.query(
                        "SELECT " + DashboardRow.COLUMNS + " FROM unnest(?::uuid[]) AS touched (token_id)"
                                + " JOIN token_dashboard USING (token_id)",
                        row -> {
                            DashboardRow read = DashboardRow.read(row);
                            rows.put(read.tokenId(), read);
                            stored.add(read.tokenId());
                        },
                        (Object) touched);
            }
            UUID[] created = changes.stream()
                    .filter(Change::creates)
                    .map(Change::tokenId)
                    .filter(tokenId -> !rows.containsKey(tokenId))
                    .distinct()
                    .toArray(UUID[]::new);
            if (created.length > 0) {
                jdbc.query(
                        """
                        SELECT d.token_id, d.rotated_to FROM unnest(?::uuid[]) AS created (token_id)
                        JOIN token_dashboard d ON d.rotated_to = created.token_id AND d.rotated_to IS NOT NULL""",
                        row -> {
                            predecessors.put(row.getObject(2, UUID.class), row.getObject(1, UUID.class));
                        },
                        (Object) created);
            }
        }

        private void write() {
            List<Object[]> inserts = new ArrayList<>();
            List<Object[]> updates = new ArrayList<>();
            for (UUID tokenId : changed) {
                DashboardRow row = rows.get(tokenId);
                if (stored.contains(tokenId)) {
                    updates.add(row.updateParameters());
                } else {
                    inserts.add(row.insertParameters());
                }
            }
            if (!inserts.isEmpty()) {
                jdbc.update(DashboardRow.INSERT, ColumnArrays.of(inserts, DashboardRow.INSERT_TYPES));
            }
            if (!updates.isEmpty()) {
                jdbc.update(DashboardRow.UPDATE, ColumnArrays.of(updates, DashboardRow.UPDATE_TYPES));
            }
        }
    }
}
