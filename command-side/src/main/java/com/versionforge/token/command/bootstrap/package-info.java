/** The operator's command line: a tenant's first admin token, printed once to standard output. */
package com.versionforge.token.command.bootstrap;
