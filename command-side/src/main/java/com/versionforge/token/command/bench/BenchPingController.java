package com.versionforge.token.command.bench;

import java.util.Map;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /bench/ping}: 200 with a small JSON body and no authentication, the floor that {@code bench/auth-check.sh}
 * measures the auth check against. It exists only with {@code vf.bench.enabled=true}, never in a default deployment.
 */
@RestController
@ConditionalOnProperty(name = "vf.bench.enabled", havingValue = "true")
class BenchPingController {

    static final String PATH = "/bench/ping";

    private static final Map<String, String> PONG = Map.of("status", "ok");

    @GetMapping(PATH)
    Map<String, String> ping() {
        return PONG;
    }
}
