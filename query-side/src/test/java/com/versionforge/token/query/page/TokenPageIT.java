package com.versionforge.token.query.page;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.versionforge.token.query.testing.QuerySideClient;
import com.versionforge.token.query.testing.QuerySideIntegrationTest;
import com.versionforge.token.query.testing.StubCommandSide;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The query side serves Settings › API Tokens without any token (the page asks for one), with a policy that lets it
 * run only its own files and talk only to this service and the command side.
 */
@QuerySideIntegrationTest
class TokenPageIT {

    private static final String PAGE = "/settings/api-tokens";

    @Autowired
    private QuerySideClient client;

    @Autowired
    private StubCommandSide commandSide;

    @Test
    void sendsVisitorsOfTheRootToThePage() {
        HttpResponse<String> response = client.get("/", null);

        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(response.headers().firstValue("Location"))
                .hasValueSatisfying(location -> assertThat(location).endsWith(PAGE));
    }

    @Test
    void servesThePageWithAndWithoutTrailingSlash() {
        for (String path : new String[] {PAGE, PAGE + "/"}) {
            HttpResponse<String> response = client.get(path, null);

            assertThat(response.statusCode()).as(path).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type"))
                    .hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
            assertThat(response.body()).contains("<h1>API Tokens</h1>");
        }
    }

    @Test
    void allowsThePageOnlyItsOwnScriptsAndStylesAndTheCommandSide() {
        HttpResponse<String> response = client.get(PAGE, null);

        String policy = response.headers()
                .firstValue(PageSecurityHeadersFilter.CONTENT_SECURITY_POLICY)
                .orElseThrow();
        assertThat(policy)
                .contains("default-src 'none'")
                .contains("script-src 'self'")
                .contains("style-src 'self'")
                .contains("connect-src 'self' " + commandSide.url())
                .contains("frame-ancestors 'none'")
                .doesNotContain("unsafe-inline")
                .doesNotContain("unsafe-eval");
        assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(response.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
    }

    @Test
    void keepsScriptsOutOfTheDocument() {
        String page = client.get(PAGE, null).body();

        assertThat(page).containsPattern("<script type=\"module\" src=\"/settings/api-tokens/app.js\"></script>");
        assertThat(page.replaceAll("<script[^>]*src=\"[^\"]+\"[^>]*></script>", ""))
                .as("no inline script")
                .doesNotContain("<script");
        assertThat(page).doesNotContainPattern("\\son[a-z]+=").doesNotContain("style=\"");
    }

    @Test
    void servesItsScriptsAndStyles() {
        for (String file : new String[] {"app.js", "api.js", "dialogs.js", "format.js", "messages.js", "style.css"}) {
            HttpResponse<String> response = client.get(PAGE + "/" + file, null);

            assertThat(response.statusCode()).as(file).isEqualTo(200);
        }
        assertThat(client.get(PAGE + "/app.js", null).headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).contains("javascript"));
    }

    @Test
    void tellsThePageWhereTheCommandSideIs() {
        HttpResponse<String> response = client.get(PAGE + "/config.json", null);

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode config = client.json(response);
        assertThat(config.path("commandSideUrl").asText()).isEqualTo(commandSide.url());
        assertThat(config.size()).as("fields of the configuration").isEqualTo(1);
    }

    @Test
    void answersAnUnknownPageFileAsProblem() {
        HttpResponse<String> response = client.get(PAGE + "/missing.js", null);

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(client.json(response).path("code").asText()).isEqualTo("not-found");
    }
}
