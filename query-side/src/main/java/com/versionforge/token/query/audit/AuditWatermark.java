package com.versionforge.token.query.audit;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.SortedSet;
import java.util.TreeSet;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.axonframework.eventhandling.tokenstore.GenericTokenEntry;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * How far the audit trail may be served: below the lowest gap that the audit processor still waits to see filled. An
 * event that commits in the event store after later ones were handled gets its entry below entries already written,
 * and those are relinked (see {@link AuditTrail}). Served only below every such gap, an entry keeps the hashes it was
 * shown with, and a keyset page never leaves an entry behind a client's cursor.
 *
 * <p>The gaps are those in the audit processor's tracking tokens, read from Axon's token table without claiming a
 * segment. A token that is not gap-aware (events from Axon Server, in order) or a segment that has no token yet holds
 * nothing back. Only gaps younger than the gap timeout count, aged like Axon's own gap cleaning by the first event
 * stored above them: Axon keeps a gap in the token long after it stopped waiting for it (the gap of a rolled-back
 * transaction stays until 10,000 later events or 250 gaps push it out), and such a gap would hold the trail back for
 * good.
 */
@Component
class AuditWatermark {

    /** Nothing is held back. */
    static final long NONE = Long.MAX_VALUE;

    // Axon's JDBC token table, as db/axon creates it for JdbcTokenStore's default schema.
    private static final String TOKENS = "SELECT token, tokentype FROM tokenentry WHERE processorname = ?";
    private static final String LOWEST_OPEN_GAP = """
            SELECT gap FROM unnest(?::bigint[]) AS gap
            WHERE (SELECT timestamp FROM domainevententry WHERE globalindex > gap ORDER BY globalindex LIMIT 1)
                ::timestamptz > ?
            ORDER BY gap LIMIT 1""";

    private final JdbcClient jdbc;
    private final Serializer tokenSerializer;
    private final Duration gapTimeout;

    AuditWatermark(JdbcClient jdbc, TokenStore tokenStore, @Value("${vf.audit.gap-timeout}") Duration gapTimeout) {
        if (!(tokenStore instanceof JdbcTokenStore jdbcTokenStore)) {
            throw new IllegalStateException("The audit trail reads its processor's tokens from a JdbcTokenStore, not "
                    + tokenStore.getClass().getName());
        }
        this.jdbc = jdbc;
        this.tokenSerializer = jdbcTokenStore.serializer();
        this.gapTimeout = gapTimeout;
    }

    /**
     * The id below which every entry is final: no entry will be inserted below it, and none of them relinked. Call it
     * in the snapshot that reads the entries, since the processor stores its tokens with the entries of each batch.
     *
     * @return the lowest open gap of the audit processor, or {@link #NONE}
     */
    long servedBelow() {
        SortedSet<Long> gaps = new TreeSet<>();
        jdbc.sql(TOKENS).param(AuditProjection.PROCESSING_GROUP).query((RowCallbackHandler)
                row -> WrappedToken.unwrap(token(row), GapAwareTrackingToken.class)
                        .ifPresent(token -> gaps.addAll(token.getGaps())));
        if (gaps.isEmpty()) {
            return NONE;
        }

        // Axon stamps events with this clock, on every node, and times gaps out by it: a gap ages by it here too.
        OffsetDateTime givenUpBefore =
                GenericEventMessage.clock.instant().minus(gapTimeout).atOffset(ZoneOffset.UTC);
        return jdbc.sql(LOWEST_OPEN_GAP)
                .param(gaps.toArray(Long[]::new))
                .param(givenUpBefore)
                .query(Long.class)
                .optional()
                .orElse(NONE);
    }

    private TrackingToken token(ResultSet row) throws SQLException {
        return new GenericTokenEntry<>(
                        row.getBytes("token"),
                        row.getString("tokentype"),
                        null,
                        null,
                        AuditProjection.PROCESSING_GROUP,
                        0,
                        byte[].class)
                .getToken(tokenSerializer);
    }
}
