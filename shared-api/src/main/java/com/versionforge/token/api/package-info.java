/** The language both services share: the token commands, events, value types and error codes. */
package com.versionforge.token.api;
