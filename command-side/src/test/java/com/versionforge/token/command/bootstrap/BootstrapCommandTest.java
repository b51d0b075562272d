package com.versionforge.token.command.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** The bootstrap command refuses a bad command line before it starts anything, with the usage exit code. */
@ExtendWith(OutputCaptureExtension.class)
class BootstrapCommandTest {

    private static final int USAGE = 2;

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {"--tenant=", "--tenant=-acme", "--tenant=acme corp", "--tenant=acme/../globex"})
    void refusesMalformedTenantWithUsageExitCode(String tenantOption, CapturedOutput output) {
        int exitCode = BootstrapCommand.run(new String[] {"bootstrap", tenantOption});

        assertThat(exitCode).isEqualTo(USAGE);
        assertThat(output.getOut()).isEmpty();
        assertThat(output.getErr()).contains("Usage: bootstrap --tenant=<id>");
    }

    @Test
    void refusesMissingTenantWithUsageExitCode(CapturedOutput output) {
        int exitCode = BootstrapCommand.run(new String[] {"bootstrap"});

        assertThat(exitCode).isEqualTo(USAGE);
        assertThat(output.getOut()).isEmpty();
        assertThat(output.getErr()).contains("Usage: bootstrap --tenant=<id>");
    }

    @Test
    void recognisesOnlyBootstrapAsFirstArgument() {
        assertThat(BootstrapCommand.isRequested(new String[] {"bootstrap", "--tenant=acme"}))
                .isTrue();
        assertThat(BootstrapCommand.isRequested(new String[] {"--server.port=0", "bootstrap"}))
                .isFalse();
        assertThat(BootstrapCommand.isRequested(new String[0])).isFalse();
    }
}
