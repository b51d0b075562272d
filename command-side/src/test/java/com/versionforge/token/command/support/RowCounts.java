package com.versionforge.token.command.support;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * How many events and credential rows are stored: equal counts before and after a refused request show that it
 * changed nothing.
 */
public record RowCounts(long events, long credentials) {

    public static RowCounts in(JdbcClient jdbc) {
        return new RowCounts(
                jdbc.sql("SELECT count(*) FROM domainevententry")
                        .query(Long.class)
                        .single(),
                jdbc.sql("SELECT count(*) FROM token_credential")
                        .query(Long.class)
                        .single());
    }
}
