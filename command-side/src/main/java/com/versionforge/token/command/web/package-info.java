/** What every HTTP exchange shares: problem+json errors, request metadata and the request size limit. */
package com.versionforge.token.command.web;
