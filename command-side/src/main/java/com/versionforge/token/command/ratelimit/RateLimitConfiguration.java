package com.versionforge.token.command.ratelimit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.TimeMeter;
import io.github.bucket4j.distributed.jdbc.PrimaryKeyMapper;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.local.LocalBucketBuilder;
import io.github.bucket4j.postgresql.Bucket4jPostgreSQL;
import java.time.Clock;
import java.time.Duration;
import javax.sql.DataSource;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The bucket store: local buckets in memory by default, PostgreSQL rows locked per request with several nodes. */
@Configuration(proxyBeanMethods = false)
class RateLimitConfiguration {

    /**
     * Bucket4j's lock-free local buckets, one per token and limit. A bucket untouched for two minutes has seen its
     * window end and would be full again, so forgetting it changes nothing.
     */
    @Bean
    @ConditionalOnProperty(name = "vf.rate-limit.store", havingValue = "memory", matchIfMissing = true)
    TokenBuckets memoryBuckets(Clock clock) {
        TimeMeter timeMeter = timeMeter(clock);
        Cache<String, Bucket> buckets = Caffeine.newBuilder()
                .maximumSize(1_000_000)
                .expireAfterAccess(Duration.ofMinutes(2))
                .build();
        return (key, configuration) -> buckets.get(key, created -> {
            LocalBucketBuilder builder = Bucket.builder().withCustomTimePrecision(timeMeter);
            for (Bandwidth bandwidth : configuration.get().getBandwidths()) {
                builder.addLimit(bandwidth);
            }
            return builder.build();
        });
    }

    @Bean
    @ConditionalOnProperty(name = "vf.rate-limit.store", havingValue = "postgres")
    TokenBuckets postgresBuckets(DataSource dataSource, Clock clock) {
        ProxyManager<String> buckets = Bucket4jPostgreSQL.selectForUpdateBasedBuilder(dataSource)
                .primaryKeyMapper(PrimaryKeyMapper.STRING)
                .table("rate_limit_bucket")
                .idColumn("id")
                .stateColumn("state")
                .clientClock(timeMeter(clock))
                .build();
        return buckets::getProxy;
    }

    /** Bucket4j on the service's one clock, so that tests moving time move the windows too. */
    private static TimeMeter timeMeter(Clock clock) {
        return new TimeMeter() {
            @Override
            public long currentTimeNanos() {
                return clock.millis() * 1_000_000L;
            }

            @Override
            public boolean isWallClockBased() {
                return true;
            }
        };
    }
}
