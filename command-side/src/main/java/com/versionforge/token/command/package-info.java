/** The command side: the ApiToken aggregate, token commands over REST, the auth check and the operator CLI. */
package com.versionforge.token.command;
