package com.versionforge.token.command.credential;

import com.versionforge.token.api.SecretDigest;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.zip.CRC32;

/**
 * A token secret: {@code vf_tok_}, 32 random bytes in base62 and a CRC32 checksum in base62, so that a leak scanner
 * can recognise a real token offline (DESIGN.md decision 4). It exists in memory between generation and the one
 * response that shows it; {@link #toString()} never reveals it.
 */
public final class TokenSecret {

    /** The prefix every VersionForge token starts with. */
    public static final String PREFIX = "vf_tok_";

    private static final String BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private static final int RANDOM_BYTES = 32;
    private static final int BODY_LENGTH = 43; // 62^43 > 2^256
    private static final int CHECKSUM_LENGTH = 6; // 62^6 > 2^32
    private static final int HINT_LENGTH = 4;
    private static final Pattern FORM =
            Pattern.compile(Pattern.quote(PREFIX) + "[0-9A-Za-z]{" + (BODY_LENGTH + CHECKSUM_LENGTH) + "}");
    private static final SecureRandom RANDOM = new SecureRandom();
    /** One per thread: looking the algorithm up costs more than hashing a token. */
    private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java platform provides SHA-256", e);
        }
    });

    private final String value;

    private TokenSecret(String value) {
        this.value = value;
    }

    /** A new secret from 32 bytes of a cryptographically strong random source. */
    public static TokenSecret generate() {
        byte[] random = new byte[RANDOM_BYTES];
        RANDOM.nextBytes(random);
        String body = PREFIX + base62(new BigInteger(1, random), BODY_LENGTH);
        return new TokenSecret(body + checksum(body));
    }

    /** The secret presented by a client, if it has the form and checksum of a VersionForge token. */
    public static Optional<TokenSecret> parse(String presented) {
        if (presented == null || !FORM.matcher(presented).matches()) {
            return Optional.empty();
        }
        int split = presented.length() - CHECKSUM_LENGTH;
        if (!checksum(presented.substring(0, split)).equals(presented.substring(split))) {
            return Optional.empty();
        }
        return Optional.of(new TokenSecret(presented));
    }

    /** The SHA-256 digest, the only form the service keeps. */
    public SecretDigest digest() {
        byte[] hash = SHA_256.get().digest(value.getBytes(StandardCharsets.US_ASCII));
        return new SecretDigest(HexFormat.of().formatHex(hash));
    }

    /** The last 4 characters, shown on dashboards so a person can tell tokens apart. */
    public String hint() {
        return value.substring(value.length() - HINT_LENGTH);
    }

    /** The secret itself, for the single response that hands it to its owner. */
    public String reveal() {
        return value;
    }

    @Override
    public String toString() {
        return PREFIX + "…" + hint();
    }

    private static String checksum(String body) {
        CRC32 crc = new CRC32();
        crc.update(body.getBytes(StandardCharsets.US_ASCII));
        return base62(crc.getValue(), CHECKSUM_LENGTH);
    }

    /** The same digits as the BigInteger form, without its cost on every check. */
    private static String base62(long number, int length) {
        char[] digits = new char[length];
        for (int i = length - 1; i >= 0; i--) {
            digits[i] = BASE62.charAt((int) (number % BASE62.length()));
            number /= BASE62.length();
        }
        return new String(digits);
    }

    private static String base62(BigInteger number, int length) {
        char[] digits = new char[length];
        BigInteger base = BigInteger.valueOf(BASE62.length());
        for (int i = length - 1; i >= 0; i--) {
            BigInteger[] quotientAndRemainder = number.divideAndRemainder(base);
            digits[i] = BASE62.charAt(quotientAndRemainder[1].intValue());
            number = quotientAndRemainder[0];
        }
        return new String(digits);
    }
}
