-- Indexes that a bulk replay from the first event (ProjectionReplay) has dropped, to build each once at its end rather
-- than keep it up to date row by row, with the processor replayed and the statement that builds the index again
-- (DeferredIndexes). An index is dropped in the transaction that lists it here, and built in the one that removes it,
-- so it always either exists or is listed. A later migration that drops or changes one of these indexes must say
-- IF EXISTS and delete its row here too, in case a replay has it dropped just then.
CREATE TABLE projection_deferred_index (
    index_name TEXT NOT NULL PRIMARY KEY,
    processor  TEXT NOT NULL,
    definition TEXT NOT NULL
);
