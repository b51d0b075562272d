-- Indexes that a bulk replay from the first event (ProjectionReplay) has dropped, to build each once at its end rather
-- than keep it up to date row by row, with the statement that builds it again (DeferredIndexes). An index is dropped
-- in the transaction that lists it here, and built in the one that removes it, so it always either exists or is listed.
CREATE TABLE projection_deferred_index (
    index_name TEXT NOT NULL PRIMARY KEY,
    definition TEXT NOT NULL
);
