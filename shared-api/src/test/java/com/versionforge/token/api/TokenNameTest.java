package com.versionforge.token.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TokenNameTest {

    @Test
    void trimsSurroundingWhitespace() {
        assertThat(new TokenName("  Datadog Monitor \t").value()).isEqualTo("Datadog Monitor");
    }

    @Test
    void acceptsHundredCharactersCountedAsCodePoints() {
        String hundredEmoji = "\uD83D\uDE80".repeat(100);

        assertThat(new TokenName(hundredEmoji).value()).isEqualTo(hundredEmoji);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"", "   ", "line\nbreak", "bell\u0007", "zero\u200Bwidth", "tab\tinside", "lone\uD800surrogate"})
    void refusesEmptyOrControlCharacters(String name) {
        assertThatThrownBy(() -> new TokenName(name))
                .isInstanceOfSatisfying(
                        TokenRuleViolationException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(TokenErrorCode.NAME_INVALID));
    }

    @Test
    void refusesMoreThanHundredCharacters() {
        assertThatThrownBy(() -> new TokenName("x".repeat(101))).isInstanceOf(TokenRuleViolationException.class);
    }
}
