package com.versionforge.token.command.auth;

import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The secret a gateway shares with the command side ({@code vf.gateway.secret}), sent in {@link #HEADER} on its
 * auth subrequest: such a check is the gateway's pre-check of a request that the service behind it counts, so it
 * neither counts nor records a use. Unset or blank, no request matches. The value is never logged.
 */
@Component
class GatewaySecret {

    static final String HEADER = "X-VF-Gateway-Secret";

    private final byte[] secret;

    GatewaySecret(@Value("${vf.gateway.secret:}") String secret) {
        this.secret = secret.isBlank() ? null : secret.getBytes(StandardCharsets.UTF_8);
    }

    /** Whether {@code request} carries the configured secret; compared in constant time. */
    boolean presentedBy(HttpServletRequest request) {
        if (secret == null) {
            return false;
        }
        String presented = request.getHeader(HEADER);
        return presented != null && MessageDigest.isEqual(secret, presented.getBytes(StandardCharsets.UTF_8));
    }
}
