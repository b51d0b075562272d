package com.versionforge.token.command.token;

import com.versionforge.token.command.web.RequestMetadata;
import java.util.List;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.common.ExceptionUtils;
import org.axonframework.modelling.command.ConcurrencyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Sends token commands with the audit metadata of the request that caused them, and waits for the outcome. */
@Component
public class TokenCommands {

    private static final Logger logger = LoggerFactory.getLogger(TokenCommands.class);
    // As many attempts as the command gateway makes (its first and three retries), as far apart.
    private static final int TRANSACTION_ATTEMPTS = 4;
    private static final long RETRY_INTERVAL_MILLIS = 50;

    private final CommandGateway commandGateway;
    private final CommandGateway gatewayWithoutRetries;
    private final TransactionTemplate transaction;

    TokenCommands(CommandGateway commandGateway, CommandBus commandBus, PlatformTransactionManager transactionManager) {
        this.commandGateway = commandGateway;
        // The gateway's retries run on a thread of their own, hence in a transaction of their own: inside a
        // transaction of several commands, a retried one would commit alone while the rest rolled back.
        this.gatewayWithoutRetries =
                DefaultCommandGateway.builder().commandBus(commandBus).build();
        this.transaction = new TransactionTemplate(transactionManager);
    }

    /**
     * Sends {@code command} and returns once its events and the credential lookup have committed.
     *
     * @throws com.versionforge.token.api.TokenRuleViolationException when a product rule refuses it
     */
    public void send(Object command, RequestMetadata metadata) {
        commandGateway.sendAndWait(message(command, metadata));
    }

    /**
     * Sends {@code commands} in order in one database transaction: either all their events and credential rows
     * commit, or none do. This holds because the local command bus handles each command on the calling thread, where
     * its unit of work joins the surrounding transaction; with a distributed command bus (the {@code axonserver}
     * profile) each command commits on its own.
     *
     * <p>When another node appends to one of the tokens first, the whole transaction is retried, a few times.
     *
     * @throws com.versionforge.token.api.TokenRuleViolationException when a product rule refuses any of them
     */
    public void sendTogether(List<?> commands, RequestMetadata metadata) {
        for (int attempt = 1; ; attempt++) {
            try {
                transaction.executeWithoutResult(status ->
                        commands.forEach(command -> gatewayWithoutRetries.sendAndWait(message(command, metadata))));
                return;
            } catch (RuntimeException e) {
                if (ExceptionUtils.findException(e, ConcurrencyException.class).isEmpty()
                        || attempt == TRANSACTION_ATTEMPTS) {
                    throw e;
                }
                logger.warn("Another node changed a token first; retrying [{}] commands together", commands.size());
                pause();
            }
        }
    }

    private static CommandMessage<Object> message(Object command, RequestMetadata metadata) {
        return GenericCommandMessage.asCommandMessage(command).andMetaData(metadata.asMetaData());
    }

    private static void pause() {
        try {
            Thread.sleep(RETRY_INTERVAL_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted before retrying", e);
        }
    }
}
