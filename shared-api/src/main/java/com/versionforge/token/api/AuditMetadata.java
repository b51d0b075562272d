package com.versionforge.token.api;

/**
 * The keys of the metadata every command carries and every event keeps: who did it, from where, in which request.
 */
public final class AuditMetadata {

    /** A user id, {@code token:<id>} for automation, or {@code operator} for the command line. */
    public static final String ACTOR = "actor";

    /** The client's IP address as the service saw it; absent for scheduled work. */
    public static final String CLIENT_IP = "clientIp";

    /** The id of the HTTP request that caused the command. */
    public static final String REQUEST_ID = "requestId";

    private AuditMetadata() {}

    /** The actor name of an automated caller using a token. */
    public static String tokenActor(TokenId tokenId) {
        return "token:" + tokenId;
    }
}
