package com.versionforge.token.command.credential;

import com.versionforge.token.api.TokenId;

/**
 * Where a token stands in a chain of rotations.
 *
 * @param rotatedFrom the token it replaced, or null
 * @param rotatedTo the token that replaced it, or null while it has no successor
 */
public record Rotation(TokenId rotatedFrom, TokenId rotatedTo) {

    /** A token that never took part in a rotation. */
    public static final Rotation NONE = new Rotation(null, null);

    /** Whether the token already has a successor. */
    public boolean hasSuccessor() {
        return rotatedTo != null;
    }
}
