package com.versionforge.token.command.credential;

import static com.versionforge.token.command.support.TokenApi.createBody;
import static com.versionforge.token.command.support.TokenApi.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.versionforge.token.api.Scope;
import com.versionforge.token.command.support.RunningCommandSide;
import com.versionforge.token.command.support.TokenIssuer.IssuedToken;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.TestPropertySource;

/**
 * A secret appears in the create response and nowhere else: not in a log line (with the service's own loggers, Axon's
 * and Spring MVC's at DEBUG), not in any column of any table, not in any other answer.
 */
@ExtendWith(OutputCaptureExtension.class)
@TestPropertySource(
        properties = {
            "logging.level.com.versionforge=TRACE",
            "logging.level.org.axonframework=DEBUG",
            "logging.level.org.springframework.web=DEBUG"
        })
class SecretHygieneIT extends RunningCommandSide {

    private static final String TENANT = "acme";

    private IssuedToken admin;

    @BeforeEach
    void issueAdmin() {
        admin = issuer.issue(TENANT, Scope.ADMIN);
    }

    @Test
    void keepsSecretsOutOfEveryLogLine(CapturedOutput output) {
        Lifecycle run = runLifecycle("Log hygiene");

        assertThat(output.getAll()).contains(run.tokenId());
        assertThat(output.getAll()).doesNotContain(run.secret(), randomPart(run.secret()), admin.secret());
    }

    @Test
    void keepsSecretsOutOfEveryStoredColumn() {
        Lifecycle run = runLifecycle("Storage hygiene");

        String everything = String.join("\n", everyStoredValue());

        assertThat(everything)
                .contains(
                        run.tokenId(),
                        TokenSecret.parse(run.secret()).orElseThrow().digest().hex());
        assertThat(everything)
                .doesNotContain(run.secret(), randomPart(run.secret()), admin.secret(), randomPart(admin.secret()));
    }

    @Test
    void keepsTheSecretOutOfEveryOtherAnswer() {
        Lifecycle run = runLifecycle("Answer hygiene");

        assertThat(run.otherAnswers()).hasSize(4).allSatisfy(answer -> {
            assertThat(answer.getBody()).doesNotContain(run.secret(), randomPart(run.secret()));
            assertThat(answer.getHeaders().toString()).doesNotContain(run.secret(), randomPart(run.secret()));
        });
        assertThat(json(run.otherAnswers().get(2)).has("token")).isFalse();
    }

    /** Creates a token, checks it in and above its scope, revokes it and checks it again. */
    private Lifecycle runLifecycle(String name) {
        ResponseEntity<String> created = api.create(admin.secret(), createBody(name, "read-only", "30d"));
        assertThat(created.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        JsonNode token = json(created);
        String secret = token.path("token").asText();
        String tokenId = token.path("id").asText();

        List<ResponseEntity<String>> answers = new ArrayList<>();
        answers.add(api.check(secret));
        answers.add(api.check(secret, "?scope=admin", new HttpHeaders()));
        answers.add(api.revoke(admin.secret(), tokenId, "{\"reason\": \"hygiene run\"}"));
        answers.add(api.check(secret));
        assertThat(answers).extracting(answer -> answer.getStatusCode().value()).containsExactly(200, 403, 200, 401);
        return new Lifecycle(tokenId, secret, answers);
    }

    /** Every text, JSON and binary value of every table of the public schema, binary ones decoded as text. */
    private List<String> everyStoredValue() {
        List<String> columns = jdbc.sql("""
                        SELECT format('SELECT %s FROM %I WHERE %I IS NOT NULL',
                            CASE WHEN data_type = 'bytea' THEN format('encode(%I, ''escape'')', column_name)
                                 ELSE format('%I::text', column_name) END,
                            table_name, column_name)
                        FROM information_schema.columns
                        WHERE table_schema = 'public'
                          AND data_type IN ('text', 'character varying', 'character', 'bytea', 'json', 'jsonb')""").query(String.class).list();
        assertThat(columns).hasSizeGreaterThan(20);
        List<String> values = new ArrayList<>();
        for (String select : columns) {
            values.addAll(jdbc.sql(select).query(String.class).list());
        }
        return values;
    }

    /** The secret without its well-known prefix, in case something stores it stripped. */
    private static String randomPart(String secret) {
        return secret.substring(TokenSecret.PREFIX.length());
    }

    private record Lifecycle(String tokenId, String secret, List<ResponseEntity<String>> otherAnswers) {}
}
