package com.versionforge.token.command.notification;

/** What a notice tells the tenant admin; the wire name is the webhook's {@code type}. */
enum NoticeKind {
    EXPIRY_WARNING("token.expiry-warning"),
    EXPIRED("token.expired"),
    REVOKED("token.revoked");

    private final String wireName;

    NoticeKind(String wireName) {
        this.wireName = wireName;
    }

    String wireName() {
        return wireName;
    }
}
