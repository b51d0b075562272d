/** Settings › API Tokens: the web page an admin uses, its configuration and the headers that keep it to itself. */
package com.versionforge.token.query.page;
