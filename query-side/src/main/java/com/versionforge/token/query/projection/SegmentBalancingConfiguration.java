package com.versionforge.token.query.projection;

import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Runs the {@link SegmentBalancer}'s rounds. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class SegmentBalancingConfiguration {}
