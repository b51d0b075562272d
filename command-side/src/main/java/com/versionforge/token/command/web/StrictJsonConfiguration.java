package com.versionforge.token.command.web;

import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;
import org.springframework.boot.autoconfigure.jackson.Jackson2ObjectMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Jackson reads {@code "name": 42} or {@code "name": true} into a text field as "42" or "true"; API.md's fields are
 * strings, so a number or boolean there is a malformed request (400), not a token named "42".
 */
@Configuration(proxyBeanMethods = false)
class StrictJsonConfiguration {

    @Bean
    Jackson2ObjectMapperBuilderCustomizer textOnlyFromJsonStrings() {
        return builder -> builder.postConfigurer(mapper -> mapper.coercionConfigFor(LogicalType.Textual)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail));
    }
}
