package com.versionforge.token.query.page;

import com.versionforge.token.query.auth.CommandSideProperties;
import io.swagger.v3.oas.annotations.Operation;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The token page's configuration: where its browser finds the command side. */
@RestController
class TokenPageController {

    static final String CONFIG_PATH = TokenPageConfiguration.PAGE_PATH + "/config.json";

    private final CommandSideProperties commandSide;

    TokenPageController(CommandSideProperties commandSide) {
        // A URL the page's policy cannot name stops the start, rather than failing every load of the page.
        PageSecurityHeadersFilter.origin(commandSide.browserUrl());
        this.commandSide = commandSide;
    }

    @Operation(summary = "Configuration of the Settings › API Tokens page")
    @GetMapping(CONFIG_PATH)
    ResponseEntity<PageConfig> config() {
        return ResponseEntity.ok().cacheControl(CacheControl.noCache()).body(new PageConfig(commandSide.browserUrl()));
    }

    /** @param commandSideUrl the base URL of create, revoke and rotate, without a trailing slash */
    record PageConfig(String commandSideUrl) {}
}
