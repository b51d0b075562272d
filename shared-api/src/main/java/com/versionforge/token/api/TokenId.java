package com.versionforge.token.api;

import java.util.Objects;
import java.util.UUID;

/**
 * The identity of one API token, stable for its whole life; it is never the secret.
 *
 * @param value the UUID, never null
 */
public record TokenId(UUID value) {

    public TokenId {
        Objects.requireNonNull(value, "token id");
    }

    /** A fresh random id for a new token. */
    public static TokenId random() {
        return new TokenId(UUID.randomUUID());
    }

    /**
     * Parses the textual form used in URLs.
     *
     * @throws IllegalArgumentException when the text is not a UUID
     */
    public static TokenId parse(String text) {
        return new TokenId(UUID.fromString(text));
    }

    /** The raw UUID, so that saga associations and URLs built from it stay plain. */
    @Override
    public String toString() {
        return value.toString();
    }
}
