/** What every HTTP exchange shares: problem+json errors with stable codes. */
package com.versionforge.token.query.web;
