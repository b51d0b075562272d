package com.versionforge.token.query.audit;

import com.versionforge.token.api.AuditMetadata;
import com.versionforge.token.api.TokenId;
import com.versionforge.token.query.projection.ProjectionReplay;
import de.bytefish.pgbulkinsert.mapping.AbstractMapping;
import de.bytefish.pgbulkinsert.model.ColumnDefinition;
import de.bytefish.pgbulkinsert.pgsql.PgBinaryWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.postgresql.PGConnection;
import org.postgresql.copy.PGCopyOutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.UncategorizedSQLException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.jdbc.support.SQLExceptionTranslator;
import org.springframework.stereotype.Component;

/**
 * Appends entries to the tenants' hash chains and keeps the audit side's token table, for {@link AuditProjection}.
 * Writes are collected per unit of work, which covers a whole batch of events, and sent to the database just before it
 * commits, in the transaction that also stores the processor's position, so a batch is applied wholly or not at all.
 * Linking happens then too: one query reads the chain ends of the batch's tenants, one binary COPY inserts its entries,
 * however many events the batch holds. In a bulk replay ({@link ProjectionReplay#BULK_REPLAY_RESOURCE}) entries are
 * linked and streamed into that COPY as their events are handled instead, and the batch's end finishes it.
 *
 * <p>Every append is idempotent. Within a tenant, entries are appended in id order, so an entry whose id is at or below
 * the chain's last id was either appended before (and is skipped) or belongs to an event that committed late in the
 * event store, a gap the processor filled afterwards: such an entry is inserted in its place and the chain after it
 * relinked, so that the chain is always in id order and a rebuild gives the same hashes. The token table's writes are
 * idempotent by themselves.
 */
@Component
class AuditTrail {

    private static final Logger logger = LoggerFactory.getLogger(AuditTrail.class);
    private static final long UNKNOWN_INDEX = -1;
    private static final String BATCH_RESOURCE = AuditTrail.class.getName() + ".batch";
    // Names never change after creation, so a cache of them can only be stale by being absent.
    private static final int NAME_CACHE_SIZE = 50_000;
    // Entries go to the table as a binary COPY: no statement per row, and no text for the server to parse.
    private static final EntryColumns ENTRY_COLUMNS = new EntryColumns();
    private static final int COPY_BUFFER_BYTES = 65_536;

    private final JdbcTemplate jdbc;
    private final Map<UUID, String> names = Collections.synchronizedMap(new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<UUID, String> eldest) {
            return size() > NAME_CACHE_SIZE;
        }
    });

    AuditTrail(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Appends the entry of one event, unless it was appended before.
     *
     * @param position the event's tracking token; the entry id is the event's own global index
     */
    void append(AuditRecord record, EventMessage<?> message, TrackingToken position) {
        long tokenPosition = position.position()
                .orElseThrow(() -> new IllegalStateException("The audit trail needs events with a global position"));
        // A gap-aware token (the JDBC event store) is at the highest index seen so far, which is not the event's own
        // when the event committed late and fills a gap: its index is looked up at the end of the batch.
        boolean ownIndexUnknown =
                WrappedToken.unwrap(position, GapAwareTrackingToken.class).isPresent();
        MetaData metaData = message.getMetaData();
        String clientIp = record.clientIp() != null ? record.clientIp() : text(metaData.get(AuditMetadata.CLIENT_IP));
        Pending pending = new Pending(
                ownIndexUnknown ? UNKNOWN_INDEX : tokenPosition,
                message.getIdentifier(),
                record,
                text(metaData.get(AuditMetadata.ACTOR)),
                clientIp,
                text(metaData.get(AuditMetadata.REQUEST_ID)),
                record.detailsJson());
        inBatch(batch -> batch.add(pending));
    }

    /** Records a new token in the audit side's token table; its name is on every later entry about it. */
    void tokenCreated(
            TokenId tokenId,
            String tenantId,
            String name,
            String scope,
            Instant createdAt,
            String createdBy,
            Instant expiresAt) {
        names.put(tokenId.value(), name);
        inBatch(batch -> batch.write(
                TokenWrite.CREATE,
                tokenId.value(),
                tenantId,
                name,
                scope,
                timestamp(createdAt),
                createdBy,
                timestamp(expiresAt)));
    }

    void tokenRevoked(TokenId tokenId, Instant revokedAt, String revokedBy, String reason) {
        inBatch(batch -> batch.write(TokenWrite.REVOKE, timestamp(revokedAt), revokedBy, reason, tokenId.value()));
    }

    void tokenExpired(TokenId tokenId, Instant expiredAt) {
        inBatch(batch -> batch.write(TokenWrite.EXPIRE, timestamp(expiredAt), tokenId.value()));
    }

    /**
     * Forgets everything, before a replay rebuilds it. A truncation, not a delete: the replay then writes into empty
     * tables and indexes, with no dead rows to skip or vacuum. It locks the tables in the order in which the queries
     * that read two of them do (the chain heads or the tokens before the entries), so that it waits for such a query
     * rather than deadlocking with it.
     */
    void clear() {
        names.clear();
        jdbc.update("TRUNCATE audit_chain_head, audit_token, audit_event");
    }

    private void inBatch(Consumer<Batch> action) {
        if (!CurrentUnitOfWork.isStarted()) {
            // A handler called outside a processor, as a test does: write at once.
            Batch batch = new Batch(null);
            action.accept(batch);
            batch.flush();
            return;
        }
        UnitOfWork<?> root = CurrentUnitOfWork.get().root();
        Batch batch = root.getOrComputeResource(BATCH_RESOURCE, key -> {
            Batch created = new Batch(root.getResource(ProjectionReplay.BULK_REPLAY_RESOURCE) != null ? root : null);
            root.onPrepareCommit(unitOfWork -> created.flush());
            return created;
        });
        action.accept(batch);
    }

    /** The writes to the token table, in the order a batch sends them: a token exists before it changes. */
    private enum TokenWrite {
        CREATE(
                """
                INSERT INTO audit_token (token_id, tenant_id, name, scope, created_at, created_by, expires_at)
                VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (token_id) DO NOTHING""",
                Types.OTHER,
                Types.VARCHAR,
                Types.VARCHAR,
                Types.VARCHAR,
                Types.TIMESTAMP_WITH_TIMEZONE,
                Types.VARCHAR,
                Types.TIMESTAMP_WITH_TIMEZONE),
        REVOKE(
                "UPDATE audit_token SET revoked_at = ?, revoked_by = ?, revoke_reason = ? WHERE token_id = ?",
                Types.TIMESTAMP_WITH_TIMEZONE,
                Types.VARCHAR,
                Types.VARCHAR,
                Types.OTHER),
        EXPIRE("UPDATE audit_token SET expired_at = ? WHERE token_id = ?", Types.TIMESTAMP_WITH_TIMEZONE, Types.OTHER);

        private final String sql;
        private final int[] types;

        TokenWrite(String sql, int... types) {
            this.sql = sql;
            this.types = types;
        }
    }

    /** An entry waiting for the end of its batch to be named, linked and written. */
    private record Pending(
            long id,
            String eventId,
            AuditRecord record,
            String actor,
            String clientIp,
            String requestId,
            String details) {

        Pending at(long globalIndex) {
            return new Pending(globalIndex, eventId, record, actor, clientIp, requestId, details);
        }

        String tenantId() {
            return record.tenantId().value();
        }

        UUID tokenId() {
            return record.tokenId() == null ? null : record.tokenId().value();
        }

        AuditEntry unlinked(String tokenName) {
            return new AuditEntry(
                    id,
                    tenantId(),
                    record.occurredAt(),
                    record.type(),
                    tokenId(),
                    tokenName,
                    actor,
                    clientIp,
                    requestId,
                    details,
                    null,
                    null);
        }
    }

    /** The end of one tenant's chain. */
    private record Head(long lastId, String lastHash, long entryCount) {

        static final Head EMPTY = new Head(-1, AuditHash.GENESIS, 0);

        Head after(AuditEntry entry) {
            return new Head(entry.id(), entry.hash(), entryCount + 1);
        }
    }

    /** The writes of one unit of work; confined to the processor's thread. */
    private final class Batch {

        private final List<Pending> pending = new ArrayList<>();
        private final Map<TokenWrite, List<Object[]>> tokenWrites = new EnumMap<>(TokenWrite.class);
        // Streaming: the unit of work of a bulk replay, every tenant's chain end, and the COPY open meanwhile.
        private final UnitOfWork<?> streamingIn;
        private final Map<String, Head> allHeads;
        private final Map<String, Head> advanced = new HashMap<>();
        private EntryStream stream;

        /**
         * @param streamingIn the unit of work of a bulk replay, whose connection nothing else uses before it commits,
         *     or null: entries then wait for the end of the batch
         */
        Batch(UnitOfWork<?> streamingIn) {
            this.streamingIn = streamingIn;
            this.allHeads = streamingIn == null ? null : allStoredHeads();
        }

        void write(TokenWrite write, Object... parameters) {
            tokenWrites.computeIfAbsent(write, key -> new ArrayList<>()).add(parameters);
        }

        /**
         * Takes the entry of one event. In a bulk replay an entry that can be linked at once, its id and name known and
         * its id past its chain's end, is linked and sent to the database now, so that the database inserts while the
         * next events are handled; once one entry has to wait for the end of the batch, all later ones wait too, to
         * keep each chain in id order.
         */
        void add(Pending entry) {
            if (streamingIn != null && pending.isEmpty() && entry.id() != UNKNOWN_INDEX) {
                Head head = allHeads.getOrDefault(entry.tenantId(), Head.EMPTY);
                String name = entry.tokenId() == null ? null : names.get(entry.tokenId());
                if (entry.id() > head.lastId() && (entry.tokenId() == null || name != null)) {
                    AuditEntry linked = entry.unlinked(name).linkedAfter(head.lastHash());
                    if (stream == null) {
                        EntryStream opened = EntryStream.open(jdbc);
                        streamingIn.onRollback(unitOfWork -> opened.cancel());
                        stream = opened;
                    }
                    stream.write(linked);
                    allHeads.put(entry.tenantId(), head.after(linked));
                    advanced.put(entry.tenantId(), head.after(linked));
                    return;
                }
            }
            pending.add(entry);
        }

        void flush() {
            if (stream != null) {
                stream.close();
                stream = null;
            }
            resolveIndexes();
            Map<String, Head> heads = allHeads != null ? allHeads : storedHeads();
            List<AuditEntry> linked = new ArrayList<>();
            List<Pending> belowTheEnd = new ArrayList<>();
            resolveNames();
            for (Pending entry : pending) {
                Head head = heads.getOrDefault(entry.tenantId(), Head.EMPTY);
                if (entry.id() <= head.lastId()) {
                    belowTheEnd.add(entry);
                    continue;
                }
                AuditEntry appended = entry.unlinked(names.get(entry.tokenId())).linkedAfter(head.lastHash());
                linked.add(appended);
                heads.put(entry.tenantId(), head.after(appended));
                advanced.put(entry.tenantId(), head.after(appended));
            }

            insert(linked);
            tokenWrites.forEach((write, rows) -> jdbc.batchUpdate(write.sql, rows, write.types));
            jdbc.batchUpdate(
                    """
                    INSERT INTO audit_chain_head (tenant_id, last_id, last_hash, entry_count) VALUES (?, ?, ?, ?)
                    ON CONFLICT (tenant_id) DO UPDATE SET last_id = excluded.last_id,
                        last_hash = excluded.last_hash, entry_count = excluded.entry_count""",
                    advanced.entrySet().stream()
                            .map(head -> new Object[] {
                                head.getKey(),
                                head.getValue().lastId(),
                                head.getValue().lastHash(),
                                head.getValue().entryCount()
                            })
                            .toList());
            insertLate(belowTheEnd);
            pending.clear();
            tokenWrites.clear();
            advanced.clear();
        }

        /** Looks up, in one query, the global indexes of the events whose tracking token does not tell them. */
        private void resolveIndexes() {
            String[] unknown = pending.stream()
                    .filter(entry -> entry.id() == UNKNOWN_INDEX)
                    .map(Pending::eventId)
                    .toArray(String[]::new);
            if (unknown.length == 0) {
                return;
            }
            Map<String, Long> indexes = new HashMap<>();
            jdbc.query(
                    "SELECT eventidentifier, globalindex FROM domainevententry WHERE eventidentifier = ANY (?)",
                    row -> {
                        indexes.put(row.getString(1), row.getLong(2));
                    },
                    (Object) unknown);
            pending.replaceAll(entry -> {
                if (entry.id() != UNKNOWN_INDEX) {
                    return entry;
                }
                Long index = indexes.get(entry.eventId());
                if (index == null) {
                    throw new IllegalStateException("No stored event [" + entry.eventId() + "] for an audit entry");
                }
                return entry.at(index);
            });
        }

        /** Every tenant's chain end, in one query: a bulk replay links entries before it knows their tenants. */
        private Map<String, Head> allStoredHeads() {
            return storedHeads("");
        }

        /** The chain ends of the tenants this batch appends to, in one query. */
        private Map<String, Head> storedHeads() {
            String[] tenants =
                    pending.stream().map(Pending::tenantId).distinct().toArray(String[]::new);
            return tenants.length == 0 ? new HashMap<>() : storedHeads(" WHERE tenant_id = ANY (?)", (Object) tenants);
        }

        private Map<String, Head> storedHeads(String where, Object... parameters) {
            Map<String, Head> heads = new HashMap<>();
            jdbc.query(
                    "SELECT tenant_id, last_id, last_hash, entry_count FROM audit_chain_head" + where,
                    row -> {
                        heads.put(row.getString(1), new Head(row.getLong(2), row.getString(3), row.getLong(4)));
                    },
                    parameters);
            return heads;
        }

        /** Looks up, in one query, the names of the tokens this batch mentions that the cache does not hold. */
        private void resolveNames() {
            UUID[] unknown = pending.stream()
                    .map(Pending::tokenId)
                    .filter(tokenId -> tokenId != null && !names.containsKey(tokenId))
                    .distinct()
                    .toArray(UUID[]::new);
            if (unknown.length > 0) {
                jdbc.query(
                        "SELECT token_id, name FROM audit_token WHERE token_id = ANY (?)",
                        row -> {
                            names.put(row.getObject(1, UUID.class), row.getString(2));
                        },
                        (Object) unknown);
            }
        }

        /**
         * Inserts entries below their chain's end and relinks every later entry of their tenant, skipping those that
         * exist already. Rare: only a redelivered event, or one that committed in the event store after a later one was
         * processed, lands here.
         */
        private void insertLate(List<Pending> belowTheEnd) {
            if (belowTheEnd.isEmpty()) {
                return;
            }
            Set<List<Object>> stored = new HashSet<>();
            jdbc.query(
                    "SELECT tenant_id, id FROM audit_event WHERE (tenant_id, id) IN (SELECT * FROM unnest(?, ?))",
                    row -> {
                        stored.add(List.of(row.getString(1), row.getLong(2)));
                    },
                    belowTheEnd.stream().map(Pending::tenantId).toArray(String[]::new),
                    belowTheEnd.stream().map(Pending::id).toArray(Long[]::new));
            for (Pending entry : belowTheEnd) {
                if (stored.contains(List.of(entry.tenantId(), entry.id()))) {
                    logger.debug("Skipped audit entry [{}]: appended before", entry.id());
                } else {
                    relinkAfterInserting(entry.unlinked(names.get(entry.tokenId())));
                }
            }
        }

        private void relinkAfterInserting(AuditEntry unlinked) {
            logger.info(
                    "Audit entry [{}] arrived after later entries of its tenant; relinking the chain", unlinked.id());
            String tenant = unlinked.tenantId();
            String previousHash = jdbc
                    .query(
                            "SELECT hash FROM audit_event WHERE tenant_id = ? AND id < ? ORDER BY id DESC LIMIT 1",
                            (row, number) -> row.getString(1),
                            tenant,
                            unlinked.id())
                    .stream()
                    .findFirst()
                    .orElse(AuditHash.GENESIS);
            AuditEntry inserted = unlinked.linkedAfter(previousHash);
            insert(List.of(inserted));

            List<AuditEntry> later = jdbc.query(
                    "SELECT " + AuditEntries.COLUMNS + " FROM audit_event WHERE tenant_id = ? AND id > ? ORDER BY id",
                    AuditEntries::read,
                    tenant,
                    inserted.id());
            String hash = inserted.hash();
            List<Object[]> relinked = new ArrayList<>();
            for (AuditEntry entry : later) {
                AuditEntry linked = entry.linkedAfter(hash);
                relinked.add(new Object[] {linked.prevHash(), linked.hash(), tenant, linked.id()});
                hash = linked.hash();
            }
            jdbc.batchUpdate("UPDATE audit_event SET prev_hash = ?, hash = ? WHERE tenant_id = ? AND id = ?", relinked);
            jdbc.update(
                    "UPDATE audit_chain_head SET last_hash = ?, entry_count = entry_count + 1 WHERE tenant_id = ?",
                    hash,
                    tenant);
        }
    }

    /** Inserts entries in one COPY, however many. */
    private void insert(List<AuditEntry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        EntryStream stream = EntryStream.open(jdbc);
        try {
            entries.forEach(stream::write);
        } catch (RuntimeException e) {
            stream.cancel();
            throw e;
        }
        stream.close();
    }

    /**
     * A COPY of entries into {@code audit_event} on the connection of the current transaction, open while entries are
     * written into it: the connection serves nothing else until it is closed or cancelled.
     */
    private static final class EntryStream {

        private static final String TASK = "COPY audit_event";

        private final DataSource dataSource;
        private final Connection connection;
        private final SQLExceptionTranslator translator;
        private final PGCopyOutputStream copy;
        private final PgBinaryWriter writer;
        private boolean released;

        private EntryStream(
                DataSource dataSource,
                Connection connection,
                SQLExceptionTranslator translator,
                PGCopyOutputStream copy) {
            this.dataSource = dataSource;
            this.connection = connection;
            this.translator = translator;
            this.copy = copy;
            this.writer = new PgBinaryWriter(copy, COPY_BUFFER_BYTES);
        }

        static EntryStream open(JdbcTemplate jdbc) {
            DataSource dataSource = Objects.requireNonNull(jdbc.getDataSource(), "dataSource");
            Connection connection = DataSourceUtils.getConnection(dataSource);
            try {
                PGCopyOutputStream copy = new PGCopyOutputStream(
                        connection.unwrap(PGConnection.class), ENTRY_COLUMNS.getCopyCommand(), 1);
                return new EntryStream(dataSource, connection, jdbc.getExceptionTranslator(), copy);
            } catch (SQLException e) {
                DataSourceUtils.releaseConnection(connection, dataSource);
                throw translated(jdbc.getExceptionTranslator(), e);
            }
        }

        void write(AuditEntry entry) {
            try {
                List<ColumnDefinition<AuditEntry>> columns = ENTRY_COLUMNS.getColumns();
                writer.startRow(columns.size());
                for (ColumnDefinition<AuditEntry> column : columns) {
                    column.getWrite().accept(writer, entry);
                }
            } catch (RuntimeException e) {
                throw translated(e);
            }
        }

        /**
         * Ends the COPY: the database has inserted every entry when this returns. If it throws, the COPY is cancelled:
         * a connection left in a COPY would make the transaction's rollback wait forever.
         */
        void close() {
            try {
                writer.close();
            } catch (RuntimeException e) {
                cancel();
                throw translated(e);
            } finally {
                release();
            }
        }

        /** Abandons the COPY, if it is still open, so that the transaction can roll back. */
        void cancel() {
            try {
                if (copy.isActive()) {
                    copy.cancelCopy();
                }
            } catch (SQLException e) {
                logger.warn("Could not cancel a COPY of audit entries", e);
            } finally {
                release();
            }
        }

        private void release() {
            if (!released) {
                released = true;
                DataSourceUtils.releaseConnection(connection, dataSource);
            }
        }

        /** The library wraps the driver's errors; callers get Spring's exception for them, as from any other write. */
        private RuntimeException translated(RuntimeException e) {
            Throwable cause = e;
            while (cause != null && !(cause instanceof SQLException)) {
                cause = cause.getCause();
            }
            return cause instanceof SQLException sql ? translated(translator, sql) : e;
        }

        private static DataAccessException translated(SQLExceptionTranslator translator, SQLException e) {
            DataAccessException translated = translator.translate(TASK, null, e);
            return translated != null ? translated : new UncategorizedSQLException(TASK, null, e);
        }
    }

    /** The columns of {@code audit_event} and the fields of an entry that fill them. */
    private static final class EntryColumns extends AbstractMapping<AuditEntry> {

        EntryColumns() {
            super("", "audit_event");
            mapLongPrimitive("id", AuditEntry::id);
            mapVarChar("tenant_id", AuditEntry::tenantId);
            mapTimeStampTz("occurred_at", entry -> entry.occurredAt().atZone(ZoneOffset.UTC));
            mapVarChar("type", AuditEntry::type);
            mapUUID("token_id", AuditEntry::tokenId);
            mapText("token_name", AuditEntry::tokenName);
            mapText("actor", AuditEntry::actor);
            mapText("client_ip", AuditEntry::clientIp);
            mapText("request_id", AuditEntry::requestId);
            mapText("details", AuditEntry::details);
            mapText("prev_hash", AuditEntry::prevHash);
            mapText("hash", AuditEntry::hash);
        }
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }

    private static OffsetDateTime timestamp(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }
}
