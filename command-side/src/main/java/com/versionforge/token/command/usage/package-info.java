/**
 * Use of tokens, and presentations of tokens that no longer work, coalesced per window so that one API call is not
 * one event (DESIGN.md decision 6).
 */
package com.versionforge.token.command.usage;
