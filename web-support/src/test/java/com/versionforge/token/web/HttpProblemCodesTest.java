package com.versionforge.token.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HttpProblemCodesTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "400, invalid-request",
        "404, not-found",
        "405, method-not-allowed",
        "406, not-acceptable",
        "413, request-too-large",
        "415, unsupported-media-type",
        "418, invalid-request",
        "500, internal-error",
        "503, internal-error"
    })
    void namesARefusalByItsStatus(int status, String code) {
        assertThat(HttpProblemCodes.forStatus(status)).isEqualTo(code);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"400, malformed-request", "404, not-found", "413, request-too-large", "505, internal-error"})
    void namesAContainerRefusalOfA400AMalformedRequest(int status, String code) {
        assertThat(HttpProblemCodes.forContainerRefusal(status)).isEqualTo(code);
    }
}
