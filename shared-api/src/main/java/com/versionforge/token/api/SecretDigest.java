package com.versionforge.token.api;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The SHA-256 digest of a token secret, the only trace of the secret that the service keeps.
 *
 * @param hex 64 lower-case hexadecimal characters
 */
public record SecretDigest(String hex) {

    private static final Pattern FORM = Pattern.compile("[0-9a-f]{64}");

    public SecretDigest {
        Objects.requireNonNull(hex, "digest");
        if (!FORM.matcher(hex).matches()) {
            throw new IllegalArgumentException("A secret digest is 64 lower-case hex characters");
        }
    }

    /** Only a prefix: the digest is the lookup key of a live token and has no business in log lines. */
    @Override
    public String toString() {
        return "SecretDigest[" + hex.substring(0, 8) + "…]";
    }
}
