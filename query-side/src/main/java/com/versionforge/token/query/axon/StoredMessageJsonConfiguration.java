package com.versionforge.token.query.axon;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.converter.json.Jackson2ObjectMapperBuilder;

/**
 * The JSON of stored events, snapshots, sagas, metadata and deadlines is read by the service's own later and earlier
 * versions: a field added by a newer node must not stop an older one during a rolling deploy, nor an event that later
 * gained a field stop a replay. The HTTP API keeps Spring's strict mapper (an unknown field there is a 400).
 */
@Configuration(proxyBeanMethods = false)
class StoredMessageJsonConfiguration {

    /** Axon's Spring Boot auto-configuration gives its Jackson serializers the ObjectMapper of this bean name. */
    static final String AXON_OBJECT_MAPPER = "defaultAxonObjectMapper";

    /**
     * The application's mapper settings and modules (Java time as ISO-8601 text, so stored events keep their form),
     * but tolerant of unknown properties. Not a default candidate: every other ObjectMapper injection, the HTTP
     * message converters' included, still gets Spring Boot's strict one, which would otherwise back off.
     */
    @Bean(name = AXON_OBJECT_MAPPER, defaultCandidate = false)
    ObjectMapper storedMessageObjectMapper(Jackson2ObjectMapperBuilder applicationMapperBuilder) {
        return applicationMapperBuilder.build().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    }
}
