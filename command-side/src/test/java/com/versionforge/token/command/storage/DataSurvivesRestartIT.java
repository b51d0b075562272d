package com.versionforge.token.command.storage;

import static com.versionforge.token.command.support.TokenApi.assertProblem;
import static com.versionforge.token.command.support.TokenApi.createBody;
import static com.versionforge.token.command.support.TokenApi.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.versionforge.token.api.Scope;
import com.versionforge.token.command.CommandSideApplication;
import com.versionforge.token.command.support.CommandSideTestConfiguration;
import com.versionforge.token.command.support.TokenApi;
import com.versionforge.token.command.support.TokenIssuer;
import com.versionforge.token.command.support.TokenIssuer.IssuedToken;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.test.util.TestSocketUtils;

/** The embedded PostgreSQL keeps tokens in its data directory: a restarted service knows every token it issued. */
class DataSurvivesRestartIT {

    private static final String TENANT = "acme";

    @TempDir
    Path dataRoot;

    private final int databasePort = TestSocketUtils.findAvailableTcpPort();

    @Test
    void keepsActiveAndRevokedTokensAcrossRestart() {
        IssuedToken admin;
        String active;
        String revoked;
        try (ConfigurableApplicationContext first = start()) {
            TokenApi api = api(first);
            admin = first.getBean(TokenIssuer.class).issue(TENANT, Scope.ADMIN);
            active = json(api.create(admin.secret(), createBody("Survivor", "read-only", "30d")))
                    .path("token")
                    .asText();
            JsonNode toRevoke = json(api.create(admin.secret(), createBody("Casualty", "read-only", "30d")));
            revoked = toRevoke.path("token").asText();
            api.revoke(admin.secret(), toRevoke.path("id").asText(), null);
        }

        try (ConfigurableApplicationContext second = start()) {
            TokenApi api = api(second);

            assertThat(api.check(active).getStatusCode()).isEqualTo(HttpStatus.OK);
            assertThat(api.check(admin.secret(), "?scope=admin", new HttpHeaders())
                            .getStatusCode())
                    .isEqualTo(HttpStatus.OK);
            assertProblem(api.check(revoked), HttpStatus.UNAUTHORIZED, "token-revoked");
        }
    }

    /** The whole service on the same data directory and database port each time, on a random HTTP port. */
    private ConfigurableApplicationContext start() {
        return new SpringApplicationBuilder(CommandSideApplication.class, CommandSideTestConfiguration.class)
                .run(
                        "--server.port=0",
                        "--vf.embedded-postgres.data-dir=" + dataRoot.resolve("postgres"),
                        "--vf.embedded-postgres.port=" + databasePort);
    }

    private static TokenApi api(ConfigurableApplicationContext context) {
        return TokenApi.at(
                ((WebServerApplicationContext) context).getWebServer().getPort());
    }
}
