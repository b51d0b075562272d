package com.versionforge.token.command.notification;

/** How a notice reaches a tenant. */
enum NotificationChannel {
    EMAIL("email"),
    WEBHOOK("webhook");

    private final String wireName;

    NotificationChannel(String wireName) {
        this.wireName = wireName;
    }

    String wireName() {
        return wireName;
    }
}
