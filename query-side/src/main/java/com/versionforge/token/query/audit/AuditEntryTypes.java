package com.versionforge.token.query.audit;

/** The {@code type} of each kind of audit entry, as the API shows it and as other read models select entries by. */
public final class AuditEntryTypes {

    /** A token was created. */
    public static final String TOKEN_CREATED = "token-created";
    /** A window of passed checks of a token. */
    public static final String TOKEN_USED = "token-used";
    /** A token was revoked. */
    public static final String TOKEN_REVOKED = "token-revoked";
    /** A token reached its expiry instant. */
    public static final String TOKEN_EXPIRED = "token-expired";
    /** A token was replaced by a successor; it stays valid until revoked. */
    public static final String TOKEN_ROTATED = "token-rotated";
    /** The tenant admin was warned that a token expires soon. */
    public static final String TOKEN_EXPIRY_WARNING_ISSUED = "token-expiry-warning-issued";
    /** A window of checks refused because the token was revoked or expired. */
    public static final String TOKEN_REFUSED_USE = "token-refused-use";
    /** A notice about a token (warning, expiry, revocation) reached the tenant by e-mail or webhook. */
    public static final String NOTIFICATION_DELIVERED = "notification-delivered";
    /** A notice about a token could not be delivered after its last attempt. */
    public static final String NOTIFICATION_FAILED = "notification-failed";
    /** The tenant changed where notices go; an entry about no token. */
    public static final String NOTIFICATION_SETTINGS_CHANGED = "notification-settings-changed";

    private AuditEntryTypes() {}
}
