/** A bare endpoint for the benchmark that compares the auth check with the application's own floor; off by default. */
package com.versionforge.token.command.bench;
