package com.versionforge.token.command.token;

import com.versionforge.token.command.web.RequestMetadata;
import java.util.List;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Sends token commands with the audit metadata of the request that caused them, and waits for the outcome. */
@Component
public class TokenCommands {

    private final CommandGateway commandGateway;
    private final TransactionTemplate transaction;

    TokenCommands(CommandGateway commandGateway, PlatformTransactionManager transactionManager) {
        this.commandGateway = commandGateway;
        this.transaction = new TransactionTemplate(transactionManager);
    }

    /**
     * Sends {@code command} and returns once its events and the credential lookup have committed.
     *
     * @throws com.versionforge.token.api.TokenRuleViolationException when a product rule refuses it
     */
    public void send(Object command, RequestMetadata metadata) {
        commandGateway.sendAndWait(
                GenericCommandMessage.asCommandMessage(command).andMetaData(metadata.asMetaData()));
    }

    /**
     * Sends {@code commands} in order in one database transaction: either all their events and credential rows
     * commit, or none do. This holds because the local command bus handles each command on the calling thread, where
     * its unit of work joins the surrounding transaction; with a distributed command bus (the {@code axonserver}
     * profile) each command commits on its own.
     *
     * @throws com.versionforge.token.api.TokenRuleViolationException when a product rule refuses any of them
     */
    public void sendTogether(List<?> commands, RequestMetadata metadata) {
        transaction.executeWithoutResult(status -> commands.forEach(command -> send(command, metadata)));
    }
}
