package com.versionforge.token.command.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;

class BenchPingControllerTest {

    private final WebApplicationContextRunner context =
            new WebApplicationContextRunner().withUserConfiguration(BenchPingController.class);

    @Test
    void isAbsentUnlessBenchIsEnabled() {
        context.run(started -> assertThat(started).doesNotHaveBean(BenchPingController.class));
        context.withPropertyValues("vf.bench.enabled=false")
                .run(started -> assertThat(started).doesNotHaveBean(BenchPingController.class));
    }

    @Test
    void existsWhenBenchIsEnabled() {
        context.withPropertyValues("vf.bench.enabled=true")
                .run(started -> assertThat(started).hasSingleBean(BenchPingController.class));
    }

    @Test
    void answersOk() {
        assertThat(new BenchPingController().ping()).containsEntry("status", "ok");
    }
}
