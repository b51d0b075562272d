package com.versionforge.token.command.token;

import static com.versionforge.token.command.support.TokenApi.TOKENS;
import static com.versionforge.token.command.support.TokenApi.assertProblem;
import static com.versionforge.token.command.support.TokenApi.createBody;
import static com.versionforge.token.command.support.TokenApi.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.versionforge.token.api.Scope;
import com.versionforge.token.command.support.RowCounts;
import com.versionforge.token.command.support.RunningCommandSide;
import com.versionforge.token.command.support.TokenIssuer.IssuedToken;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * Bad input to create and revoke is refused with problem+json, its stable code, and no change at all: neither an
 * event nor a credential row is stored. The clock stands at 2026-12-03T10:15:30Z, so the dates below are fixed.
 */
class TokenRequestInputIT extends RunningCommandSide {

    private static final String TENANT = "acme";
    private static final String TARGET = "{target}";
    private static final String REVOKE_TARGET = TOKENS + "/" + TARGET + "/revoke";

    private IssuedToken admin;
    private IssuedToken target;

    @BeforeEach
    void issueTokens() {
        admin = issuer.issue(TENANT, Scope.ADMIN);
        target = issuer.issue(TENANT, Scope.READ_ONLY);
    }

    /** One refused request: where it goes, what it sends, and the answer it must get. */
    record BadRequest(String description, String path, MediaType type, String body, HttpStatus status, String code) {

        static BadRequest create(String description, String body, String code) {
            return new BadRequest(description, TOKENS, MediaType.APPLICATION_JSON, body, HttpStatus.BAD_REQUEST, code);
        }

        @Override
        public String toString() {
            return description;
        }
    }

    static Stream<BadRequest> badRequests() {
        return Stream.of(
                BadRequest.create("malformed JSON", "{\"name\": \"Datadog\",", "malformed-request"),
                BadRequest.create("empty body", "", "malformed-request"),
                BadRequest.create("JSON null body", "null", "malformed-request"),
                BadRequest.create("JSON array body", "[]", "malformed-request"),
                BadRequest.create(
                        "name as number",
                        "{\"name\": 42, \"scope\": \"read-only\", \"expiresIn\": \"30d\"}",
                        "malformed-request"),
                BadRequest.create(
                        "name as boolean",
                        "{\"name\": true, \"scope\": \"read-only\", \"expiresIn\": \"30d\"}",
                        "malformed-request"),
                BadRequest.create(
                        "scope as array",
                        "{\"name\": \"Datadog\", \"scope\": [\"admin\"], \"expiresIn\": \"30d\"}",
                        "malformed-request"),
                BadRequest.create(
                        "expiry as number",
                        "{\"name\": \"Datadog\", \"scope\": \"read-only\", \"expiresAt\": 20270331}",
                        "malformed-request"),
                BadRequest.create(
                        "unknown field",
                        "{\"name\": \"Datadog\", \"scope\": \"read-only\", \"expiresIn\": \"30d\", \"tenant\": \"x\"}",
                        "malformed-request"),
                BadRequest.create("unknown scope", createBody("Datadog", "root", "30d"), "scope-invalid"),
                BadRequest.create("missing scope", "{\"name\": \"Datadog\", \"expiresIn\": \"30d\"}", "scope-invalid"),
                BadRequest.create(
                        "missing expiry", "{\"name\": \"Datadog\", \"scope\": \"read-only\"}", "expiry-required"),
                BadRequest.create("null expiry", createBody("Datadog", "read-only", null), "expiry-required"),
                BadRequest.create("empty preset", createBody("Datadog", "read-only", ""), "expiry-invalid"),
                BadRequest.create("empty date", withExpiresAt(""), "expiry-invalid"),
                BadRequest.create(
                        "both expiresIn and expiresAt",
                        "{\"name\": \"Datadog\", \"scope\": \"read-only\", \"expiresIn\": \"30d\","
                                + " \"expiresAt\": \"2027-03-31\"}",
                        "expiry-invalid"),
                BadRequest.create("unknown preset", createBody("Datadog", "read-only", "7d"), "expiry-invalid"),
                BadRequest.create("past date", withExpiresAt("2026-11-30"), "expiry-invalid"),
                BadRequest.create("yesterday's date", withExpiresAt("2026-12-02"), "expiry-invalid"),
                BadRequest.create("date beyond 366 days", withExpiresAt("2028-01-15"), "expiry-invalid"),
                BadRequest.create("instant beyond 366 days", withExpiresAt("2027-12-04T10:15:31Z"), "expiry-invalid"),
                BadRequest.create("impossible date", withExpiresAt("2027-02-30"), "expiry-invalid"),
                BadRequest.create("instant without offset", withExpiresAt("2027-03-31T12:00:00"), "expiry-invalid"),
                BadRequest.create("missing name", "{\"scope\": \"read-only\", \"expiresIn\": \"30d\"}", "name-invalid"),
                BadRequest.create("empty name", createBody("", "read-only", "30d"), "name-invalid"),
                BadRequest.create("blank name", createBody(" \t ", "read-only", "30d"), "name-invalid"),
                BadRequest.create(
                        "name over 100 characters", createBody("n".repeat(101), "read-only", "30d"), "name-invalid"),
                BadRequest.create(
                        "name with a control character",
                        createBody("Data\u0007dog", "read-only", "30d"),
                        "name-invalid"),
                BadRequest.create("name with a NUL", createBody("Data\u0000dog", "read-only", "30d"), "name-invalid"),
                BadRequest.create(
                        "name with a lone surrogate",
                        "{\"name\": \"Data\\ud800dog\", \"scope\": \"read-only\", \"expiresIn\": \"30d\"}",
                        "name-invalid"),
                new BadRequest(
                        "body over 16 KB",
                        TOKENS,
                        MediaType.APPLICATION_JSON,
                        createBody("n".repeat(17 * 1024), "read-only", "30d"),
                        HttpStatus.PAYLOAD_TOO_LARGE,
                        "request-too-large"),
                new BadRequest(
                        "text/plain body",
                        TOKENS,
                        MediaType.TEXT_PLAIN,
                        createBody("Datadog", "read-only", "30d"),
                        HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                        "unsupported-media-type"),
                new BadRequest(
                        "revoke reason over 500 characters",
                        REVOKE_TARGET,
                        MediaType.APPLICATION_JSON,
                        "{\"reason\": \"" + "r".repeat(501) + "\"}",
                        HttpStatus.BAD_REQUEST,
                        "reason-too-long"),
                new BadRequest(
                        "revoke reason with a NUL",
                        REVOKE_TARGET,
                        MediaType.APPLICATION_JSON,
                        "{\"reason\": \"leaked\\u0000\"}",
                        HttpStatus.BAD_REQUEST,
                        "reason-invalid"),
                new BadRequest(
                        "revoke reason with a lone surrogate",
                        REVOKE_TARGET,
                        MediaType.APPLICATION_JSON,
                        "{\"reason\": \"leaked\\ud800\"}",
                        HttpStatus.BAD_REQUEST,
                        "reason-invalid"),
                new BadRequest(
                        "revoke with unknown field",
                        REVOKE_TARGET,
                        MediaType.APPLICATION_JSON,
                        "{\"why\": \"leaked\"}",
                        HttpStatus.BAD_REQUEST,
                        "malformed-request"),
                new BadRequest(
                        "revoke of a non-UUID token id",
                        TOKENS + "/not-a-uuid/revoke",
                        MediaType.APPLICATION_JSON,
                        null,
                        HttpStatus.NOT_FOUND,
                        "token-not-found"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badRequests")
    void refusesBadInputAndStoresNothing(BadRequest bad) {
        RowCounts before = RowCounts.in(jdbc);
        String path = bad.path().replace(TARGET, target.id().toString());

        ResponseEntity<String> response = api.post(path, admin.secret(), bad.type(), bad.body(), new HttpHeaders());

        assertProblem(response, bad.status(), bad.code());
        assertThat(RowCounts.in(jdbc)).isEqualTo(before);
        assertThat(api.check(target.secret()).getStatusCode()).isEqualTo(HttpStatus.OK);
    }

    @Test
    void refusesCreateWhoseAnswerTheClientCannotAcceptBeforeCreatingAnything() {
        RowCounts before = RowCounts.in(jdbc);
        HttpHeaders xmlOnly = new HttpHeaders();
        xmlOnly.setAccept(List.of(MediaType.APPLICATION_XML));

        ResponseEntity<String> response = api.post(
                TOKENS,
                admin.secret(),
                MediaType.APPLICATION_JSON,
                createBody("Lost secret", "read-only", "30d"),
                xmlOnly);

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.NOT_ACCEPTABLE);
        assertThat(RowCounts.in(jdbc)).isEqualTo(before);
    }

    @Test
    void acceptsInputRightAtEachLimit() {
        ResponseEntity<String> longestName = api.create(admin.secret(), createBody("n".repeat(100), "admin", "1y"));
        ResponseEntity<String> lastDay = api.create(
                admin.secret(), "{\"name\": \"Last day\", \"scope\": \"read-only\", \"expiresAt\": \"2027-12-03\"}");
        ResponseEntity<String> longestReason =
                api.revoke(admin.secret(), target.id().toString(), "{\"reason\": \"" + "r".repeat(500) + "\"}");

        assertThat(longestName.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(json(lastDay).path("expiresAt").asText()).isEqualTo("2027-12-04T00:00:00Z");
        assertThat(longestReason.getStatusCode()).isEqualTo(HttpStatus.OK);
    }

    @Test
    void refusesNameOfAnotherActiveTokenIgnoringCase() {
        assertThat(api.create(admin.secret(), createBody("Datadog Monitor", "read-only", "30d"))
                        .getStatusCode())
                .isEqualTo(HttpStatus.CREATED);
        RowCounts before = RowCounts.in(jdbc);

        ResponseEntity<String> response =
                api.create(admin.secret(), createBody("  DATADOG monitor ", "read-only", "90d"));

        assertProblem(response, HttpStatus.CONFLICT, "name-taken");
        assertThat(RowCounts.in(jdbc)).isEqualTo(before);
    }

    @Test
    void acceptsNameOfRevokedToken() {
        String first = json(api.create(admin.secret(), createBody("Grafana", "read-only", "30d")))
                .path("id")
                .asText();
        api.revoke(admin.secret(), first, null);

        ResponseEntity<String> reused = api.create(admin.secret(), createBody("Grafana", "read-only", "30d"));

        assertThat(reused.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(json(reused).path("id").asText()).isNotEqualTo(first);
    }

    @Test
    void refusesRevokeOfRevokedTokenAndChangesNothing() {
        assertThat(api.revoke(admin.secret(), target.id().toString(), null).getStatusCode())
                .isEqualTo(HttpStatus.OK);
        RowCounts before = RowCounts.in(jdbc);

        ResponseEntity<String> response = api.revoke(admin.secret(), target.id().toString(), "{\"reason\": \"again\"}");

        assertProblem(response, HttpStatus.CONFLICT, "token-not-active");
        assertThat(RowCounts.in(jdbc)).isEqualTo(before);
    }

    private static String withExpiresAt(String expiresAt) {
        return "{\"name\": \"Datadog\", \"scope\": \"read-only\", \"expiresAt\": \"" + expiresAt + "\"}";
    }
}
