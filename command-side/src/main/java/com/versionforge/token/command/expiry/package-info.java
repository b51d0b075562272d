/** The expiry process of each token: warnings ahead of its expiry, expiry at the instant, rotation grace periods. */
package com.versionforge.token.command.expiry;
