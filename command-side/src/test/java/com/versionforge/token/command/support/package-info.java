/**
 * What the command side's tests share: the running service on a database of its own, one movable clock, tokens issued
 * through the command bus, HTTP clients, a webhook receiver and row counts.
 */
package com.versionforge.token.command.support;
