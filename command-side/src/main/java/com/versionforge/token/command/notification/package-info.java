/** Where a tenant's token notices go, and their delivery by e-mail and signed webhook, once per event and channel. */
package com.versionforge.token.command.notification;
