package com.versionforge.token.command.token;

import com.versionforge.token.command.web.RequestMetadata;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.stereotype.Component;

/** Sends token commands with the audit metadata of the request that caused them, and waits for the outcome. */
@Component
public class TokenCommands {

    private final CommandGateway commandGateway;

    TokenCommands(CommandGateway commandGateway) {
        this.commandGateway = commandGateway;
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
}
