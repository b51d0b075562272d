package com.versionforge.token.api;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The VersionForge customer a token belongs to; nothing of one tenant is visible to another.
 *
 * @param value 1 to 64 characters of letters, digits, '.', '_' and '-', starting with a letter or digit
 */
public record TenantId(String value) {

    private static final Pattern FORM = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    public TenantId {
        Objects.requireNonNull(value, "tenant id");
        if (!FORM.matcher(value).matches()) {
            throw new IllegalArgumentException("A tenant id is 1-64 letters, digits, '.', '_' or '-'");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
