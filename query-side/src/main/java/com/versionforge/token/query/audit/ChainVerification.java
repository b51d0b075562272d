package com.versionforge.token.query.audit;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The answer of {@code GET /api/v1/audit-events/verify}.
 *
 * @param valid whether every entry of the tenant's trail is as the projection wrote it, none missing, none moved
 * @param checked how many entries were checked: all of them when valid, else up to and including the first invalid
 * @param firstInvalidId the id of the first entry whose hash does not chain, or null when valid
 * @param reason why that entry does not chain ({@code hash-mismatch}, {@code chain-broken}, {@code tail-missing},
 *     {@code head-missing}), or null when valid
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record ChainVerification(boolean valid, long checked, Long firstInvalidId, String reason) {

    static ChainVerification intact(long checked) {
        return new ChainVerification(true, checked, null, null);
    }

    static ChainVerification broken(long checked, long firstInvalidId, String reason) {
        return new ChainVerification(false, checked, firstInvalidId, reason);
    }
}
