/** Per-token rate limits by scope, in fixed one-minute windows, in memory or shared through PostgreSQL. */
package com.versionforge.token.command.ratelimit;
