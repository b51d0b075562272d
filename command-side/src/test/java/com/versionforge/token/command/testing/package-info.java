/** What the command side's integration tests share: a database per test class, tokens, a clock and an HTTP client. */
package com.versionforge.token.command.testing;
