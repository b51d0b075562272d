package com.versionforge.token.query.auth;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.web.client.RestClient;

/** A command side that cannot be reached makes the auth check unavailable; it never lets a request through. */
class AuthCheckClientTest {

    @Test
    void reportsUnavailableWhenNothingListens() throws IOException {
        AuthCheckClient client = new AuthCheckClient(
                RestClient.builder(),
                new CommandSideProperties(
                        URI.create("http://127.0.0.1:" + closedPort()),
                        Duration.ofSeconds(1),
                        Duration.ofSeconds(1),
                        null));

        assertThatThrownBy(() -> client.check("Bearer vf_tok_anything", "203.0.113.9", "curl/8"))
                .isInstanceOf(AuthUnavailableException.class);
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
