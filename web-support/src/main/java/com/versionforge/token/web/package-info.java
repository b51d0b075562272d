/**
 * The HTTP plumbing both services share, and nothing of either: the servlet container's own refusals and Spring
 * Boot's error path answered as problem+json, like every other refusal.
 */
package com.versionforge.token.web;
