package com.versionforge.token.command.notification;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WebhookSigningSecretTest {

    private static final WebhookSigningSecret SECRET = WebhookSigningSecret.of("vf_whsec_" + "0".repeat(64));

    @Test
    void signsTimestampDotBodyAsOpensslDoes() {
        // printf '%s.%s' 1700000000 '{"id":"e1"}' | openssl dgst -sha256 -hmac "vf_whsec_000…0"
        assertThat(SECRET.sign("1700000000", "{\"id\":\"e1\"}"))
                .isEqualTo("sha256=7b46d9007c5eda2014c039a0dfdcce999ce784cda70845bad05e1e34710e8d90");
    }

    @Test
    void neverShowsItselfInItsTextForm() {
        assertThat(SECRET.toString()).isEqualTo("vf_whsec_…");
    }

    @Test
    void isFreshEachTime() {
        assertThat(WebhookSigningSecret.generate().reveal())
                .matches("vf_whsec_[0-9a-f]{64}")
                .isNotEqualTo(WebhookSigningSecret.generate().reveal());
    }
}
