package com.versionforge.token.command.ratelimit;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import java.util.function.Supplier;

/** Where each token's bucket lives: in this node's memory, or in PostgreSQL for several nodes. */
interface TokenBuckets {

    /** The bucket under {@code key}, created with {@code configuration} if there is none yet. */
    Bucket bucket(String key, Supplier<BucketConfiguration> configuration);
}
