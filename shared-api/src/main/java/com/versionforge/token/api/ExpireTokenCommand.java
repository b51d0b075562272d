package com.versionforge.token.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Marks a token expired once its expiry instant has come.
 *
 * @param tokenId the token to expire
 */
public record ExpireTokenCommand(@TargetAggregateIdentifier TokenId tokenId) {}
