/** The life of one API token, from creation to revocation or expiry, and the product rules that guard it. */
package com.versionforge.token.command.token;
