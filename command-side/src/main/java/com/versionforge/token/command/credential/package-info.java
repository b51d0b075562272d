/** The credential lookup: digest to token, kept in step with the events inside their own transaction. */
package com.versionforge.token.command.credential;
