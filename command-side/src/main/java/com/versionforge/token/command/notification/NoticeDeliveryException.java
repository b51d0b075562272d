package com.versionforge.token.command.notification;

/**
 * A delivery attempt failed; the task's failure handler retries it. Its message names only the kind of failure (an
 * HTTP status, an exception type), and it keeps no cause: the messages of HTTP and SMTP client exceptions quote the
 * webhook URL, whose path can be the receiver's credential, and the recipients' addresses, and db-scheduler logs the
 * message of every failure.
 */
class NoticeDeliveryException extends RuntimeException {

    NoticeDeliveryException(String message) {
        super(message, null, false, false);
    }
}
