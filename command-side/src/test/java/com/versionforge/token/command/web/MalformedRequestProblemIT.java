package com.versionforge.token.command.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.versionforge.token.api.Scope;
import com.versionforge.token.command.support.RowCounts;
import com.versionforge.token.command.support.RunningCommandSide;
import com.versionforge.token.command.support.TokenIssuer.IssuedToken;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * What Tomcat refuses before any servlet sees it is a problem+json 400 with code {@code malformed-request}, never its
 * HTML error page, and changes nothing. Requests are written to a socket as given: an HTTP client would not send them.
 */
class MalformedRequestProblemIT extends RunningCommandSide {

    @LocalServerPort
    private int port;

    @ParameterizedTest
    @ValueSource(
            strings = {
                "/api/v1/tokens/%zz",
                "/api/v1/tokens/a%00b",
                "/api/v1/tokens/%2F",
                "/api/v1/{x}",
                "/api/v1/tokens?x=%ZZ"
            })
    void answersARequestTheContainerRefusesAsAMalformedRequestProblem(String requestTarget) {
        String answer = send("GET " + requestTarget + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");

        assertMalformedRequestProblem(answer);
    }

    @Test
    void answersAnOverlongHeaderAsAMalformedRequestProblem() {
        String answer = send("GET /api/v1/tokens HTTP/1.1\r\nHost: localhost\r\nX-Padding: " + "a".repeat(20_000)
                + "\r\nConnection: close\r\n\r\n");

        assertMalformedRequestProblem(answer);
    }

    @Test
    void createsNothingForAnUndecodableQueryString() {
        IssuedToken admin = issuer.issue("malformed-co", Scope.ADMIN);
        RowCounts before = RowCounts.in(jdbc);
        String body = "{\"name\":\"Datadog\",\"scope\":\"read-only\",\"expiresAt\":\"2030-01-01T00:00:00Z\"}";

        String answer = send("POST /api/v1/tokens?x=%ZZ HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer "
                + admin.secret() + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length()
                + "\r\nConnection: close\r\n\r\n" + body);

        assertMalformedRequestProblem(answer);
        assertThat(RowCounts.in(jdbc)).isEqualTo(before);
    }

    @Test
    void answersTheErrorPathItselfAsNotFound() {
        String answer = send("GET /error HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");

        assertThat(answer).startsWith("HTTP/1.1 404 ");
        assertThat(answer).containsIgnoringCase("Content-Type: application/problem+json");
        assertThat(answer).contains("\"code\":\"not-found\"");
    }

    private static void assertMalformedRequestProblem(String answer) {
        assertThat(answer).startsWith("HTTP/1.1 400 ");
        assertThat(answer).containsIgnoringCase("Content-Type: application/problem+json");
        assertThat(answer).contains("\"status\":400", "\"code\":\"malformed-request\"");
        assertThat(answer).doesNotContainIgnoringCase("<html");
    }

    private String send(String request) {
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(30_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
