package com.versionforge.token.command.support;

import com.versionforge.token.api.TokenRefusedUseRecordedEvent;
import com.versionforge.token.api.TokenUsedEvent;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * How many events and credential rows are stored: equal counts before and after a refused request show that it
 * changed nothing. Use events are left out: a refused request still used its caller's token, and that use is recorded
 * (asynchronously) like any other, and so is a refused presentation of a revoked or expired token.
 */
public record RowCounts(long events, long credentials) {

    public static RowCounts in(JdbcClient jdbc) {
        return new RowCounts(
                jdbc.sql("SELECT count(*) FROM domainevententry WHERE payloadtype NOT IN (?, ?)")
                        .param(TokenUsedEvent.class.getName())
                        .param(TokenRefusedUseRecordedEvent.class.getName())
                        .query(Long.class)
                        .single(),
                jdbc.sql("SELECT count(*) FROM token_credential")
                        .query(Long.class)
                        .single());
    }
}
