package com.versionforge.token.query.projection;

import java.util.List;

/**
 * Indexes of a projection's tables that only its queries read, never its event handlers (those read by primary key):
 * a bulk replay from the first event drops them and builds each once at its end ({@link DeferredIndexes}), which costs
 * the database a fraction of keeping them up to date row by row. A projection declares its own as a bean.
 *
 * @param processor the projection's processing group
 * @param indexes the indexes' names
 */
public record QueryOnlyIndexes(String processor, List<String> indexes) {

    public QueryOnlyIndexes {
        indexes = List.copyOf(indexes);
    }
}
