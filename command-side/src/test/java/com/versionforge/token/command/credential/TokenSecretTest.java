package com.versionforge.token.command.credential;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class TokenSecretTest {

    /** A secret generated once by {@link TokenSecret#generate()}, so these tests see a fixed, valid checksum. */
    private static final String KNOWN = "vf_tok_HmOPBLEsalA6xxJOdE6fjG73jQeVOO5NrKzoLnKPBtz2BhFjT";

    private static final String FORM = "vf_tok_[0-9A-Za-z]{49}";

    @Test
    void generatesPrefixAndFortyNineBase62Characters() {
        String secret = TokenSecret.generate().reveal();

        assertThat(secret).matches(FORM).hasSize(56);
    }

    @Test
    void generatesDifferentSecretsEachTime() {
        assertThat(TokenSecret.generate().reveal())
                .isNotEqualTo(TokenSecret.generate().reveal());
    }

    @Test
    void acceptsGeneratedSecretBack() {
        TokenSecret generated = TokenSecret.generate();

        assertThat(TokenSecret.parse(generated.reveal()))
                .hasValueSatisfying(parsed -> assertThat(parsed.digest()).isEqualTo(generated.digest()));
    }

    static IntStream positionsAfterThePrefix() {
        return IntStream.range(TokenSecret.PREFIX.length(), KNOWN.length());
    }

    @ParameterizedTest(name = "position {0}")
    @MethodSource("positionsAfterThePrefix")
    void detectsAnyChangedCharacterThroughTheChecksum(int position) {
        char original = KNOWN.charAt(position);
        String changed = KNOWN.substring(0, position) + (original == 'z' ? 'y' : 'z') + KNOWN.substring(position + 1);

        assertThat(TokenSecret.parse(changed)).isEmpty();
    }

    @Test
    void acceptsTheUnchangedKnownSecret() {
        assertThat(TokenSecret.parse(KNOWN)).isPresent();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "vf_tok_",
                "VF_TOK_HmOPBLEsalA6xxJOdE6fjG73jQeVOO5NrKzoLnKPBtz2BhFjT",
                "gh_tok_HmOPBLEsalA6xxJOdE6fjG73jQeVOO5NrKzoLnKPBtz2BhFjT",
                "vf_tok_HmOPBLEsalA6xxJOdE6fjG73jQeVOO5NrKzoLnKPBtz2BhFj",
                "vf_tok_HmOPBLEsalA6xxJOdE6fjG73jQeVOO5NrKzoLnKPBtz2BhFjTT",
                "vf_tok_HmOPBLEsalA6xxJOdE6fjG73jQeVOO5NrKzoLnKPBtz2BhFj-",
                " vf_tok_HmOPBLEsalA6xxJOdE6fjG73jQeVOO5NrKzoLnKPBtz2BhFjT"
            })
    void refusesTextWithoutTheTokenForm(String presented) {
        assertThat(TokenSecret.parse(presented)).isEmpty();
    }

    @Test
    void refusesNull() {
        assertThat(TokenSecret.parse(null)).isEmpty();
    }

    @Test
    void hintsWithTheLastFourCharacters() {
        assertThat(TokenSecret.parse(KNOWN).orElseThrow().hint()).isEqualTo("hFjT");
    }

    @Test
    void digestsWithSha256OfTheWholeSecret() throws Exception {
        byte[] expected = MessageDigest.getInstance("SHA-256").digest(KNOWN.getBytes(StandardCharsets.US_ASCII));

        assertThat(TokenSecret.parse(KNOWN).orElseThrow().digest().hex())
                .isEqualTo(HexFormat.of().formatHex(expected));
    }

    @Test
    void neverRevealsItselfInToString() {
        TokenSecret secret = TokenSecret.parse(KNOWN).orElseThrow();

        assertThat(secret.toString())
                .isEqualTo("vf_tok_…hFjT")
                .doesNotContain(KNOWN.substring(TokenSecret.PREFIX.length(), KNOWN.length() - 4));
        assertThat(String.valueOf(secret)).doesNotContain(KNOWN);
    }
}
