package com.versionforge.token.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * A bare Spring Boot web application with this module on its class path answers what Tomcat refuses, and the error
 * path, as problem+json. Requests are written to a socket as given: an HTTP client would refuse to send most of them.
 */
@SpringBootTest(
        classes = ContainerRefusalProblemIT.Application.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ContainerRefusalProblemIT {

    @LocalServerPort
    private int port;

    @ParameterizedTest
    @ValueSource(strings = {"/things/%zz", "/things/a%00b", "/things/%2F", "/things/{x}", "/things?q=%ZZ"})
    void answersARequestTheContainerRefusesAsAMalformedRequestProblem(String requestTarget) {
        String answer = send("GET " + requestTarget + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");

        assertThat(answer).startsWith("HTTP/1.1 400 ");
        assertThat(answer).containsIgnoringCase("Content-Type: application/problem+json");
        assertThat(answer).contains("\"status\":400", "\"code\":\"malformed-request\"", "\"title\":\"Bad Request\"");
        assertThat(answer).doesNotContainIgnoringCase("<html");
    }

    @Test
    void answersAnOverlongHeaderAsAMalformedRequestProblem() {
        String answer = send("GET /things/a HTTP/1.1\r\nHost: localhost\r\nX-Padding: " + "a".repeat(20_000)
                + "\r\nConnection: close\r\n\r\n");

        assertThat(answer).startsWith("HTTP/1.1 400 ");
        assertThat(answer).containsIgnoringCase("Content-Type: application/problem+json");
        assertThat(answer).contains("\"code\":\"malformed-request\"");
        assertThat(answer).doesNotContainIgnoringCase("<html");
    }

    @Test
    void answersTheErrorPathItselfAsNotFound() {
        String answer = send("GET /error HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");

        assertThat(answer).startsWith("HTTP/1.1 404 ");
        assertThat(answer).containsIgnoringCase("Content-Type: application/problem+json");
        assertThat(answer).contains("\"code\":\"not-found\"");
    }

    @Test
    void letsAWellFormedRequestThrough() {
        String answer = send("GET /things/a%20b?q=c HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");

        assertThat(answer).startsWith("HTTP/1.1 200 ");
        assertThat(answer).endsWith("a b:c");
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

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @Import(ThingController.class)
    static class Application {}

    @RestController
    static class ThingController {

        @GetMapping("/things/{name}")
        String thing(@PathVariable String name, @RequestParam(defaultValue = "") String q) {
            return name + ":" + q;
        }
    }
}
