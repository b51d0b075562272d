package com.versionforge.token.command.credential;

import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Makes the credential lookup all or nothing with its events. */
@Configuration(proxyBeanMethods = false)
class CredentialConfiguration {

    /**
     * Axon logs and swallows event handler errors by default, which would commit an event whose credential row failed
     * to be written. Propagating the error fails the command and rolls both back.
     */
    @Bean
    ConfigurerModule credentialErrorsPropagate() {
        return configurer -> configurer
                .eventProcessing()
                .registerListenerInvocationErrorHandler(
                        CredentialProjection.PROCESSING_GROUP, configuration -> PropagatingErrorHandler.instance());
    }
}
