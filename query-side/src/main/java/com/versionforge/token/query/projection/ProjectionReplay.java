package com.versionforge.token.query.projection;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import javax.sql.DataSource;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventHandlerInvoker;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventMessageHandler;
import org.axonframework.eventhandling.EventUtils;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.MultiEventHandlerInvoker;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.SimpleEventHandlerInvoker;
import org.axonframework.eventhandling.TrackedDomainEventData;
import org.axonframework.eventhandling.TrackedEventData;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.UnableToClaimTokenException;
import org.axonframework.messaging.ResultMessage;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.RollbackConfigurationType;
import org.axonframework.serialization.Serializer;
import org.axonframework.springboot.EventProcessorProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * Replays a long stretch of the event store into projections in bulk, instead of through their tracking processors:
 * a rebuild from the first event, or a node that starts far behind the head. It claims every segment of the
 * processors in the token store, so that no node's processor handles them meanwhile, reads the events in keyset pages
 * of {@code vf.projection.replay.chunk-size}, and hands each page to each processor's own event handlers (the same
 * handlers, with their own error handling, as the processor uses) in one unit of work and one transaction per
 * processor, on a thread per processor, which also stores the position reached in every segment of that processor,
 * after every page or, for a projection that holds its writes across pages ({@link HeldWrites}), after as many pages
 * as it asks. Then it releases the segments, and the processors go on from there.
 *
 * <p>What it leaves out of the processors' way of working is what costs them most per event on a replay: a unit of
 * work, a monitor and an interceptor chain per event, and every segment reading every event. The positions it stores
 * are the ones the processors' own reading would have reached, gaps included (the JDBC engine's rule, with the same
 * settings as {@link EventStoreConfiguration}), so an event that commits late into a gap is still handled afterwards.
 *
 * <p>Only with the JDBC event store (not in the {@code axonserver} profile), and only when the processors' segments
 * all stand at one position without gaps — after a reset, or never started — else the processors catch up by
 * themselves.
 */
@Component
@ConditionalOnProperty(name = "axon.axonserver.enabled", havingValue = "false")
public class ProjectionReplay {

    /**
     * The resource a bulk replay's unit of work carries, a {@link HeldWrites}: its projection may keep the
     * transaction's connection busy while it handles the events (streaming its rows into a COPY, say), until its own
     * prepare-commit handler, which runs before the replay stores its position; or it may hold its writes across
     * pages.
     */
    public static final String BULK_REPLAY_RESOURCE = ProjectionReplay.class.getName() + ".bulkReplay";

    private static final Logger logger = LoggerFactory.getLogger(ProjectionReplay.class);
    private static final long BEFORE_THE_FIRST_EVENT = EventStoreConfiguration.LOWEST_GLOBAL_SEQUENCE - 1;
    private static final String READER_THREAD = "projection-replay-reader";
    // A node's start waits for its replay: the log says how far it got.
    private static final Duration PROGRESS_INTERVAL = Duration.ofSeconds(10);
    private static final String READ_PAGE = """
            SELECT globalindex, type, aggregateidentifier, sequencenumber, eventidentifier, timestamp, payloadtype,
                payloadrevision, payload, metadata
            FROM domainevententry WHERE globalindex > ? AND globalindex <= ? ORDER BY globalindex LIMIT ?""";

    private final DataSource dataSource;
    private final Serializer eventSerializer;
    private final org.axonframework.config.Configuration axon;
    private final TokenStore tokenStore;
    private final TransactionManager transactionManager;
    private final EventProcessorProperties processorProperties;
    private final DeferredIndexes deferredIndexes;
    private final int chunkSize;

    ProjectionReplay(
            DataSource dataSource,
            @Qualifier("eventSerializer") Serializer eventSerializer,
            org.axonframework.config.Configuration axon,
            TokenStore tokenStore,
            TransactionManager transactionManager,
            EventProcessorProperties processorProperties,
            DeferredIndexes deferredIndexes,
            @Value("${vf.projection.replay.chunk-size}") int chunkSize) {
        this.dataSource = dataSource;
        this.eventSerializer = eventSerializer;
        this.axon = axon;
        this.tokenStore = tokenStore;
        this.transactionManager = transactionManager;
        this.processorProperties = processorProperties;
        this.deferredIndexes = deferredIndexes;
        this.chunkSize = chunkSize;
    }

    /**
     * Brings the named processors, which must not be running on this node, up to the head of the event store in bulk,
     * if they are at least {@code threshold} events behind it and this node can claim all their segments.
     *
     * @return whether it did; if not, nothing changed
     */
    public boolean catchUp(List<String> processorNames, long threshold) {
        long head = head();
        if (head - BEFORE_THE_FIRST_EVENT < Math.max(1, threshold)) {
            return false;
        }
        Map<String, List<Integer>> claimed = new LinkedHashMap<>();
        try {
            Optional<GapAwareTrackingToken> start = Optional.empty();
            Long startIndex = null;
            for (String name : processorNames) {
                Optional<Position> position = claimAll(name, claimed);
                if (position.isEmpty()
                        || (startIndex != null && startIndex != position.get().index())) {
                    logger.debug(
                            "Processor [{}] catches up by itself: its segments are not all at one position without"
                                    + " gaps, or another node holds one of them",
                            name);
                    return false;
                }
                startIndex = position.get().index();
                start = position.get().token();
            }
            long behind = head - (startIndex == null ? BEFORE_THE_FIRST_EVENT : startIndex);
            if (startIndex == null || behind < Math.max(1, threshold)) {
                return false;
            }

            logger.info("Replaying {} events into processors {} in bulk", behind, processorNames);
            long replayed = startIndex == BEFORE_THE_FIRST_EVENT
                    ? replayWithoutQueryOnlyIndexes(processorNames, claimed, start.orElse(null), head)
                    : replay(processorNames, claimed, startIndex, start.orElse(null), head);
            logger.info("Replayed {} events into processors {} in bulk", replayed, processorNames);
            return true;
        } finally {
            release(claimed);
        }
    }

    /** Claims every segment of the processor; its common position, unless they differ, have gaps or are not free. */
    private Optional<Position> claimAll(String name, Map<String, List<Integer>> claimed) {
        return transactionManager.fetchInTransaction(() -> {
            int[] segments = tokenStore.fetchSegments(name);
            if (segments.length == 0) {
                tokenStore.initializeTokenSegments(name, initialSegmentCount(name));
                segments = tokenStore.fetchSegments(name);
            }
            List<TrackingToken> tokens = new ArrayList<>();
            try {
                for (int segment : segments) {
                    tokens.add(tokenStore.fetchToken(name, segment));
                    claimed.computeIfAbsent(name, key -> new ArrayList<>()).add(segment);
                }
            } catch (UnableToClaimTokenException held) {
                return Optional.empty();
            }
            List<Position> positions =
                    tokens.stream().map(Position::of).distinct().toList();
            return positions.size() == 1 ? Optional.ofNullable(positions.get(0)) : Optional.empty();
        });
    }

    /**
     * Replays from the first event with the processors' {@link QueryOnlyIndexes} dropped, and builds them at the end,
     * whether the replay succeeded or not, before the claims are released.
     */
    private long replayWithoutQueryOnlyIndexes(
            List<String> processorNames, Map<String, List<Integer>> segments, GapAwareTrackingToken start, long head) {
        try (DeferredIndexes.Deferral deferral = deferredIndexes.deferFor(processorNames)) {
            long replayed = replay(processorNames, segments, BEFORE_THE_FIRST_EVENT, start, head);
            // Building the indexes, when the deferral closes, holds the claims a while longer.
            extendClaims(segments);
            return replayed;
        }
    }

    /**
     * Replays page after page. A reader thread reads and deserializes the next page while this one is handled, and each
     * processor handles and commits it on a thread of its own, so that one processor's handlers run while another's
     * wait for the database; the next page goes to the processors once all have committed this one.
     */
    private long replay(
            List<String> processorNames,
            Map<String, List<Integer>> segments,
            long startIndex,
            GapAwareTrackingToken start,
            long head) {
        List<Replaying> replaying = new ArrayList<>();
        ExecutorService reader = Executors.newSingleThreadExecutor(runnable -> new Thread(runnable, READER_THREAD));
        try {
            for (TrackingEventProcessor processor : processors(processorNames)) {
                String name = processor.getName();
                replaying.add(new Replaying(
                        name,
                        processor.eventHandlerInvoker(),
                        segments.get(name),
                        Executors.newSingleThreadExecutor(runnable -> new Thread(runnable, threadName(name))),
                        new HeldWrites()));
            }
            long replayed = 0;
            long lastReport = System.nanoTime();
            CompletableFuture<Page> next =
                    CompletableFuture.supplyAsync(() -> nextPage(start, startIndex, head), reader);
            while (next != null) {
                Page page = next.join();
                boolean more = page.rows() == chunkSize && page.lastIndex() < head;
                next = more
                        ? CompletableFuture.supplyAsync(() -> nextPage(page.position(), page.lastIndex(), head), reader)
                        : null;
                if (page.rows() > 0) {
                    extendClaims(segments);
                    handleEverywhere(page, !more, replaying);
                    replayed += page.rows();
                    if (System.nanoTime() - lastReport > PROGRESS_INTERVAL.toNanos()) {
                        logger.info(
                                "Replayed {} events into {} so far, up to [{}] of [{}]",
                                replayed,
                                processorNames,
                                page.lastIndex(),
                                head);
                        lastReport = System.nanoTime();
                    }
                }
            }
            return replayed;
        } finally {
            reader.shutdownNow();
            replaying.forEach(processor -> processor.thread().shutdownNow());
        }
    }

    /** The name of the thread on which a bulk replay runs the handlers of {@code processor}. */
    static String threadName(String processor) {
        return "projection-replay-" + processor;
    }

    /**
     * Has every processor handle the page on its own thread, and waits until all have, whether they failed or not; the
     * first failure carries the others as suppressed.
     */
    private void handleEverywhere(Page page, boolean last, List<Replaying> replaying) {
        CompletableFuture<?>[] handled = replaying.stream()
                .map(processor -> CompletableFuture.runAsync(() -> handle(page, last, processor), processor.thread()))
                .toArray(CompletableFuture[]::new);
        RuntimeException failure = null;
        for (CompletableFuture<?> processor : handled) {
            try {
                processor.join();
            } catch (CompletionException e) {
                RuntimeException cause = e.getCause() instanceof RuntimeException runtime ? runtime : e;
                if (failure == null) {
                    failure = cause;
                } else {
                    failure.addSuppressed(cause);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    /**
     * Handles one page of events in one transaction, which also stores the position after it in every segment, unless
     * the projection holds its writes across pages, has not yet handled as many events as it holds at most, and has
     * not asked for a commit after this page ({@link HeldWrites#commitAfterThisPage()}); the last page always does. The
     * writes held go to the database just before the position.
     */
    private void handle(Page page, boolean last, Replaying processor) {
        HeldWrites held = processor.held();
        BatchingUnitOfWork<EventMessage<?>> unitOfWork = new BatchingUnitOfWork<>(page.messages());
        unitOfWork.attachTransaction(transactionManager);
        unitOfWork.resources().put(BULK_REPLAY_RESOURCE, held);
        unitOfWork.onRollback(rolledBack -> held.fail());
        ResultMessage<?> result = unitOfWork.executeWithResult(
                () -> {
                    handleInEverySegment(processor.invoker(), unitOfWork.getMessage());
                    if (unitOfWork.isLastMessage()) {
                        // Registered last, so it runs after every prepare-commit handler the handlers registered.
                        unitOfWork.onPrepareCommit(committing -> {
                            if (held.completesACommit(page.rows()) || last) {
                                held.write();
                                for (int segment : processor.segments()) {
                                    tokenStore.storeToken(page.position(), processor.name(), segment);
                                }
                            }
                        });
                    }
                    return null;
                },
                RollbackConfigurationType.ANY_THROWABLE);
        if (result.isExceptional()) {
            throw new IllegalStateException(
                    "The bulk replay of processor [" + processor.name() + "] stopped at a page ending at event ["
                            + page.lastIndex() + "]",
                    result.exceptionResult());
        }
    }

    /**
     * Has each of the processor's handlers handle {@code message}, each failure going to its invoker's error handler,
     * as {@link SimpleEventHandlerInvoker} does, but without asking which segment the event belongs to: this node holds
     * every segment during a replay, and profiles showed the sequence computed twice per event and invoker taking 7 to
     * 15 % of the replay threads' samples (the JVM's CPU for a replay of both projections fell by about 4 %). Any other
     * invoker, a subclass included (a dead-letter queue's, say), handles the event itself, as in the processor.
     */
    private static void handleInEverySegment(EventHandlerInvoker invoker, EventMessage<?> message) throws Exception {
        if (invoker instanceof MultiEventHandlerInvoker multi) {
            for (EventHandlerInvoker delegate : multi.delegates()) {
                handleInEverySegment(delegate, message);
            }
        } else if (invoker.getClass() == SimpleEventHandlerInvoker.class) {
            SimpleEventHandlerInvoker simple = (SimpleEventHandlerInvoker) invoker;
            for (EventMessageHandler handler : simple.eventHandlers()) {
                try {
                    handler.handle(message);
                } catch (Exception e) {
                    simple.getListenerInvocationErrorHandler().onError(e, message, handler);
                }
            }
        } else if (invoker.canHandle(message, Segment.ROOT_SEGMENT)) {
            invoker.handle(message, Segment.ROOT_SEGMENT);
        }
    }

    /** Reads the page after {@code lastIndex}, up to {@code head}, deserialized, with the position after it. */
    private Page nextPage(GapAwareTrackingToken position, long lastIndex, long head) {
        List<TrackedEventData<?>> read = readPage(lastIndex, head);
        GapAwareTrackingToken after = position;
        for (TrackedEventData<?> event : read) {
            after = advance(after, event);
        }
        List<EventMessage<?>> messages = new ArrayList<>(read.size());
        EventUtils.upcastAndDeserializeTrackedEvents(read.stream(), eventSerializer, axon.upcasterChain())
                .forEach(message -> {
                    // Deserialized here, on the reader thread, rather than by the first handler that asks.
                    message.getPayload();
                    message.getMetaData();
                    messages.add(message);
                });
        return new Page(messages, read.size(), after, after == null ? lastIndex : after.getIndex());
    }

    /** The next page of events; each carries its own global index as its tracking token. */
    private List<TrackedEventData<?>> readPage(long after, long head) {
        List<TrackedEventData<?>> page = new ArrayList<>(chunkSize);
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement(READ_PAGE)) {
            query.setLong(1, after);
            query.setLong(2, head);
            query.setInt(3, chunkSize);
            try (ResultSet row = query.executeQuery()) {
                while (row.next()) {
                    String aggregateId = row.getString(3);
                    String eventId = row.getString(5);
                    page.add(new TrackedDomainEventData<>(
                            new GlobalSequenceTrackingToken(row.getLong(1)),
                            new GenericDomainEventEntry<>(
                                    row.getString(2),
                                    eventId.equals(aggregateId) ? null : aggregateId,
                                    row.getLong(4),
                                    eventId,
                                    row.getString(6),
                                    row.getString(7),
                                    row.getString(8),
                                    row.getBytes(9),
                                    row.getBytes(10))));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read the events after [" + after + "]", e);
        }
        return page;
    }

    /** The position after {@code event}, by the JDBC engine's rule: only recent events leave gaps below them. */
    private static GapAwareTrackingToken advance(GapAwareTrackingToken position, TrackedEventData<?> event) {
        long index = event.trackingToken().position().orElseThrow();
        Instant gapTimeoutFrame =
                GenericEventMessage.clock.instant().minus(EventStoreConfiguration.GAP_TIMEOUT_MS, ChronoUnit.MILLIS);
        boolean allowGaps = event.getTimestamp().isAfter(gapTimeoutFrame);
        if (position == null) {
            return GapAwareTrackingToken.newInstance(
                    index,
                    allowGaps
                            ? LongStream.range(Math.min(EventStoreConfiguration.LOWEST_GLOBAL_SEQUENCE, index), index)
                                    .boxed()
                                    .collect(Collectors.toCollection(TreeSet::new))
                            : new TreeSet<>());
        }
        return position.advanceTo(index, allowGaps ? EventStoreConfiguration.MAX_GAP_OFFSET : 0);
    }

    /** The global index of the last event stored, or {@link #BEFORE_THE_FIRST_EVENT}. */
    private long head() {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement(
                        "SELECT coalesce(max(globalindex), " + BEFORE_THE_FIRST_EVENT + ") FROM domainevententry");
                ResultSet row = query.executeQuery()) {
            row.next();
            return row.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read the head of the event store", e);
        }
    }

    /** Renews the claims before a page, however long reading it took; a claim lost meanwhile stops the replay. */
    private void extendClaims(Map<String, List<Integer>> claimed) {
        transactionManager.executeInTransaction(() -> claimed.forEach((name, segments) -> {
            for (int segment : segments) {
                tokenStore.extendClaim(name, segment);
            }
        }));
    }

    /** Releases the claims; a failure to do so is logged, not thrown over the replay's own (they time out anyway). */
    private void release(Map<String, List<Integer>> claimed) {
        if (claimed.isEmpty()) {
            return;
        }
        try {
            transactionManager.executeInTransaction(() -> claimed.forEach((name, segments) -> {
                for (int segment : segments) {
                    tokenStore.releaseClaim(name, segment);
                }
            }));
        } catch (RuntimeException e) {
            logger.warn(
                    "Could not release the segments of {}; they are free again after the claim timeout",
                    claimed.keySet(),
                    e);
        }
    }

    private List<TrackingEventProcessor> processors(List<String> names) {
        EventProcessingConfiguration processing = axon.eventProcessingConfiguration();
        return names.stream()
                .map(name -> processing
                        .eventProcessor(name, TrackingEventProcessor.class)
                        .orElseThrow(() -> new IllegalArgumentException("No tracking processor [" + name + "]")))
                .toList();
    }

    private int initialSegmentCount(String name) {
        EventProcessorProperties.ProcessorSettings settings =
                processorProperties.getProcessors().get(name);
        return settings == null || settings.getInitialSegmentCount() == null ? 1 : settings.getInitialSegmentCount();
    }

    /**
     * A processor being replayed: its handlers, the segments claimed for it, the thread that runs them, and the writes
     * its projection holds.
     */
    private record Replaying(
            String name,
            EventHandlerInvoker invoker,
            List<Integer> segments,
            ExecutorService thread,
            HeldWrites held) {}

    /**
     * One processor's bulk replay, as its units of work see it ({@link #BULK_REPLAY_RESOURCE}): a projection may hold
     * its writes here from page to page, to write them once, just before the replay stores its position. Used on the
     * processor's replay thread only. A page that rolls back ends the replay, and what was held with it.
     */
    public static final class HeldWrites {

        private final Map<Class<?>, Object> held = new LinkedHashMap<>();
        private final List<Runnable> writes = new ArrayList<>();
        private int eventsPerCommit;
        private int eventsSinceCommit;
        private boolean commitRequested;
        private boolean failed;

        private HeldWrites() {}

        /**
         * What the projection holds, of {@code type}, until the replay next stores its position, created on first use;
         * {@code write} sends it to the database then, in that transaction, and empties it. The replay stores its
         * position once the pages handled since the last time hold {@code eventsPerCommit} events or more, or sooner
         * when asked ({@link #commitAfterThisPage()}).
         */
        public <T> T holdAcrossPages(Class<T> type, int eventsPerCommit, Supplier<T> create, Consumer<T> write) {
            if (failed) {
                throw new IllegalStateException("A page of this bulk replay rolled back; it holds nothing any more");
            }
            this.eventsPerCommit = Math.max(this.eventsPerCommit, eventsPerCommit);
            return type.cast(held.computeIfAbsent(type, absent -> {
                T created = create.get();
                writes.add(() -> write.accept(created));
                return created;
            }));
        }

        /**
         * Has the replay store its position, and so write what is held, after the page being handled, however few
         * events the pages since the last position hold: the projection holds as much as it should in memory. Called
         * from a handler, or from a prepare-commit handler that a handler registered on the page's unit of work: those
         * run before the replay's own, which decides.
         */
        public void commitAfterThisPage() {
            commitRequested = true;
        }

        /** Counts a page's events; whether the pages since the last position stored hold enough for the next one. */
        private boolean completesACommit(int events) {
            eventsSinceCommit += events;
            if (eventsSinceCommit < eventsPerCommit && !commitRequested) {
                return false;
            }
            eventsSinceCommit = 0;
            commitRequested = false;
            return true;
        }

        private void write() {
            writes.forEach(Runnable::run);
        }

        private void fail() {
            failed = true;
            held.clear();
            writes.clear();
        }
    }

    /** Deserialized events, and the position after the last of them. */
    private record Page(List<EventMessage<?>> messages, int rows, GapAwareTrackingToken position, long lastIndex) {}

    /**
     * Where a segment stands: before the first event (no token, or a reset token that has not moved), or after an
     * index without gaps (a plain token of the JDBC engine, or a reset token that has moved that far). Null for any
     * other token, which a bulk replay does not continue from.
     */
    private record Position(long index, Optional<GapAwareTrackingToken> token) {

        static Position of(TrackingToken token) {
            TrackingToken current = token;
            // A reset of a processor whose initial token is itself a replay token nests one in another.
            while (current instanceof ReplayToken reset) {
                current = reset.getCurrentToken();
            }
            if (current == null) {
                return new Position(BEFORE_THE_FIRST_EVENT, Optional.empty());
            }
            // Nothing else: a merged segment's token, for one, may stand at two positions at once.
            if (current instanceof GapAwareTrackingToken gapAware
                    && gapAware.getGaps().isEmpty()) {
                return new Position(gapAware.getIndex(), Optional.of(gapAware));
            }
            return null;
        }
    }
}
