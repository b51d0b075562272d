/** Authentication of every /api/v1 request by the command side's auth check, whose refusals are relayed as-is. */
package com.versionforge.token.query.auth;
