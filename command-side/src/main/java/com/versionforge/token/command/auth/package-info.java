/** Who is calling: Bearer token authentication, scope checks, the route policy and the auth check endpoint. */
package com.versionforge.token.command.auth;
