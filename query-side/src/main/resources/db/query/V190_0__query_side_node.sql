-- The query-side nodes that share this database, each announcing itself every few seconds (SegmentBalancer), so that
-- every node can tell how many share the segments of each event processor. Times are the database's, so that nodes
-- on machines with different clocks agree.
CREATE TABLE query_side_node (
    node_id VARCHAR(255) NOT NULL PRIMARY KEY,
    seen_at TIMESTAMPTZ  NOT NULL
);
