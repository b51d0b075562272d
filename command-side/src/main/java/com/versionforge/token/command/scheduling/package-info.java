/** Persistent scheduling on db-scheduler, shared by the expiry deadlines and the notification deliveries. */
package com.versionforge.token.command.scheduling;
