package com.versionforge.token.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Asks for the expiry warning of one threshold, sent by the expiry process when its time has come. Issuing is
 * idempotent per threshold, and nothing is issued for a token that is no longer active, has been rotated, or whose
 * nearer warning is already due.
 *
 * @param tokenId the token about to expire
 * @param threshold the {@link ExpiryWarningThreshold#wireName() wire name} of the threshold, such as {@code 14d}
 */
public record IssueExpiryWarningCommand(
        @TargetAggregateIdentifier TokenId tokenId, String threshold) {}
