package com.versionforge.token.command.credential;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

class TokenSecretChecksumTest {

    private static final String BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    @RepeatedTest(50)
    void acceptsEveryGeneratedSecretWhoseChecksumIsTheCrc32InBase62() {
        String secret = TokenSecret.generate().reveal();
        String body = secret.substring(0, secret.length() - 6);

        assertThat(secret.substring(body.length())).isEqualTo(checksumAsFirstIssued(body));
        assertThat(TokenSecret.parse(secret)).isPresent();
    }

    @Test
    void refusesASecretWithOneCharacterChanged() {
        String secret = TokenSecret.generate().reveal();
        char last = secret.charAt(secret.length() - 1);
        String tampered = secret.substring(0, secret.length() - 1) + (last == 'a' ? 'b' : 'a');

        assertThat(TokenSecret.parse(tampered)).isEmpty();
    }

    /** The BigInteger form that tokens were first issued with; tokens already out there must keep passing. */
    private static String checksumAsFirstIssued(String body) {
        CRC32 crc = new CRC32();
        crc.update(body.getBytes(StandardCharsets.US_ASCII));
        BigInteger number = BigInteger.valueOf(crc.getValue());
        char[] digits = new char[6];
        for (int i = 5; i >= 0; i--) {
            BigInteger[] quotientAndRemainder = number.divideAndRemainder(BigInteger.valueOf(62));
            digits[i] = BASE62.charAt(quotientAndRemainder[1].intValue());
            number = quotientAndRemainder[0];
        }
        return new String(digits);
    }
}
