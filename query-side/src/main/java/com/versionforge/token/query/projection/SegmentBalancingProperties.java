package com.versionforge.token.query.projection;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the query-side nodes on one database share the segments of each event processor.
 *
 * @param interval how often a node announces itself and compares what it holds with its share
 * @param nodeTimeout how long a node counts as present after it last announced itself; shorter than Axon's claim
 *     timeout, so that a crashed node stops counting before its segments may be taken over
 * @param releaseFor how long a node leaves a segment it gave up to the others before it may claim it again; longer
 *     than the processors' token claim interval, so that an idle thread of another node gets it first
 */
@ConfigurationProperties("vf.projections.balancing")
record SegmentBalancingProperties(
        @DefaultValue("1s") Duration interval,
        @DefaultValue("3s") Duration nodeTimeout,
        @DefaultValue("5s") Duration releaseFor) {}
