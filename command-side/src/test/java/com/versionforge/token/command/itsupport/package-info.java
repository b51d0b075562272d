/** What the command side's integration tests of expiry, rotation and notifications share. */
package com.versionforge.token.command.itsupport;
