package com.versionforge.token.command.scheduling;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;

/**
 * Present only where db-scheduler runs, that is everywhere but the operator command line, which sets
 * {@code db-scheduler.enabled=false}: it appends a token's events and exits, and the running service's expiry saga
 * and notifier pick them up from the event store.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@ConditionalOnProperty(name = "db-scheduler.enabled", havingValue = "true", matchIfMissing = true)
public @interface ConditionalOnScheduler {}
