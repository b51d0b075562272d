package com.versionforge.token.query.page;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * What the token page offers beyond API.md's settled endpoints.
 *
 * @param rotation whether the page shows Rotate; on only where the command side answers POST
 *     /api/v1/tokens/{id}/rotate
 */
@ConfigurationProperties("vf.page")
public record PageProperties(@DefaultValue("false") boolean rotation) {}
