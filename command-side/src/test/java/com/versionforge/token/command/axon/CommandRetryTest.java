package com.versionforge.token.command.axon;

import static org.assertj.core.api.Assertions.assertThat;

import com.versionforge.token.api.TokenErrorCode;
import com.versionforge.token.api.TokenRuleViolationException;
import java.sql.BatchUpdateException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.IntervalRetryScheduler;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.modelling.command.ConcurrencyException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** How a command that lost an append race to another node is recognised, and retried. */
class CommandRetryTest {

    // How the PostgreSQL driver reports the batch insert of an event whose (token, sequence) another node took.
    private static final BatchUpdateException TAKEN_SEQUENCE =
            new BatchUpdateException("Batch entry 0 INSERT INTO DomainEventEntry ...", "23505", 0, new int[0]);

    private final PersistenceExceptionResolver resolver = new AxonConfiguration().persistenceExceptionResolver();
    private final ScheduledExecutorService retryExecutor = Executors.newSingleThreadScheduledExecutor();
    private final IntervalRetryScheduler retries = AxonConfiguration.retryScheduler(retryExecutor);

    @AfterEach
    void stopRetries() {
        retryExecutor.shutdownNow();
    }

    @Test
    void recognisesAnEventRefusedForATakenSequenceNumberAsADuplicate() {
        assertThat(resolver.isDuplicateKeyViolation(new IllegalStateException("append failed", TAKEN_SEQUENCE)))
                .isTrue();
    }

    @Test
    void leavesOtherIntegrityViolationsToFailAsThemselves() {
        var notNull = new BatchUpdateException("null value in column", "23502", 0, new int[0]);

        assertThat(resolver.isDuplicateKeyViolation(new IllegalStateException("append failed", notNull)))
                .isFalse();
    }

    @Test
    void retriesACommandThatLostTheRaceWithTheDriversExceptionAsItsCause() {
        var lost = new ConcurrencyException(
                "An event for aggregate [x] at sequence [7] was already inserted", TAKEN_SEQUENCE);

        assertThat(retries.scheduleRetry(GenericCommandMessage.asCommandMessage("revoke"), lost, failures(1), () -> {}))
                .isTrue();
    }

    @Test
    void givesUpAfterThreeRetries() {
        var lost = new ConcurrencyException(
                "An event for aggregate [x] at sequence [7] was already inserted", TAKEN_SEQUENCE);

        assertThat(retries.scheduleRetry(GenericCommandMessage.asCommandMessage("revoke"), lost, failures(4), () -> {}))
                .isFalse();
    }

    @Test
    void neverRetriesARefusalByATokenRule() {
        var refused = new TokenRuleViolationException(TokenErrorCode.TOKEN_NOT_ACTIVE, "The token is not active");

        assertThat(retries.scheduleRetry(
                        GenericCommandMessage.asCommandMessage("revoke"), refused, failures(1), () -> {}))
                .isFalse();
    }

    @SuppressWarnings("unchecked") // Axon's signature: one array of exception classes per failed attempt.
    private static List<Class<? extends Throwable>[]> failures(int attempts) {
        List<Class<? extends Throwable>[]> failures = new ArrayList<>();
        for (int i = 0; i < attempts; i++) {
            failures.add(new Class[] {ConcurrencyException.class});
        }
        return failures;
    }
}
