package com.versionforge.token.query.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;

/**
 * The query side over real HTTP on a random port, on an embedded PostgreSQL, with the command side's auth check stood
 * in by {@link StubCommandSide}. Every integration test uses this one annotation so that they share one context.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        // Short, so that the test of a command side too slow to answer is quick.
        properties = "vf.command-side.read-timeout=1s")
@Import(QuerySideTestConfiguration.class)
public @interface QuerySideIntegrationTest {}
