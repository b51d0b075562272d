package com.versionforge.token.api;

/**
 * The name an admin gives a token, shown on the dashboard and in audit logs; unique among a tenant's active tokens.
 *
 * @param value 1 to 100 characters, trimmed, without control characters
 */
public record TokenName(String value) {

    /** The longest name accepted, in characters. */
    public static final int MAX_LENGTH = 100;

    public TokenName {
        if (value == null || value.isBlank()) {
            throw new TokenRuleViolationException(TokenErrorCode.NAME_INVALID, "A token needs a name");
        }
        value = value.strip();
        if (value.codePointCount(0, value.length()) > MAX_LENGTH) {
            throw new TokenRuleViolationException(
                    TokenErrorCode.NAME_INVALID, "A token name has at most " + MAX_LENGTH + " characters");
        }
        if (value.codePoints().anyMatch(TokenName::isControl)) {
            throw new TokenRuleViolationException(
                    TokenErrorCode.NAME_INVALID, "A token name may not contain control characters");
        }
    }

    private static boolean isControl(int codePoint) {
        int type = Character.getType(codePoint);
        // A lone surrogate is no character: storage would mangle it into '?' behind the user's back.
        return type == Character.CONTROL
                || type == Character.SURROGATE
                || type == Character.FORMAT
                || type == Character.LINE_SEPARATOR
                || type == Character.PARAGRAPH_SEPARATOR;
    }

    @Override
    public String toString() {
        return value;
    }
}
