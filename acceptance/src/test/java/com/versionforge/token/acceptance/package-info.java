/** End-to-end checks of the product as a new user meets it, through its scripts and both services' HTTP APIs. */
package com.versionforge.token.acceptance;
