package com.versionforge.token.command.token;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.versionforge.token.api.TokenId;
import com.versionforge.token.command.credential.Credential;
import java.time.Instant;

/**
 * A token as the command side answers it. {@code token} is the secret, present only in the response that created
 * it; it is left out of every other answer. {@code rotatedFrom} names the predecessor in the answer to a rotation.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record TokenView(
        String id,
        String name,
        String scope,
        String status,
        String token,
        String tokenHint,
        Instant createdAt,
        String createdBy,
        Instant expiresAt,
        Instant revokedAt,
        String revokedBy,
        String rotatedFrom) {

    static TokenView of(Credential credential, Instant now) {
        return withSecret(credential, now, null);
    }

    static TokenView withSecret(Credential credential, Instant now, String secret) {
        return new TokenView(
                credential.tokenId().toString(),
                credential.name(),
                credential.scope().wireName(),
                credential.statusAt(now).wireName(),
                secret,
                credential.tokenHint(),
                credential.createdAt(),
                credential.createdBy(),
                credential.expiresAt(),
                credential.revokedAtAsOf(now),
                credential.revokedBy(),
                null);
    }

    /** This view naming the token that {@code predecessor} was rotated into this one; unchanged when null. */
    TokenView rotatedFrom(TokenId predecessor) {
        if (predecessor == null) {
            return this;
        }
        return new TokenView(
                id,
                name,
                scope,
                status,
                token,
                tokenHint,
                createdAt,
                createdBy,
                expiresAt,
                revokedAt,
                revokedBy,
                predecessor.toString());
    }
}
