package com.versionforge.token.query.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.versionforge.token.api.Scope;
import com.versionforge.token.api.TenantId;
import com.versionforge.token.api.TokenId;
import com.versionforge.token.query.testing.QuerySideClient;
import com.versionforge.token.query.testing.QuerySideIntegrationTest;
import com.versionforge.token.query.testing.StubCommandSide;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Every query parameter of the audit trail and the compliance report that the contract does not allow is refused with
 * 400 and a stable code, as JSON or CSV alike, never a 500.
 */
@QuerySideIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuditParametersIT {

    private static final TenantId TENANT = new TenantId("audit-parameters-co");
    private static final TokenId ADMIN_TOKEN = new TokenId(UUID.fromString("00000000-0000-4000-8000-0000000d0001"));

    @Autowired
    private StubCommandSide commandSide;

    @Autowired
    private QuerySideClient client;

    private String admin;

    @BeforeAll
    void givenAnAdmin() {
        admin = commandSide.pass("audit-parameters-admin", TENANT, ADMIN_TOKEN, Scope.ADMIN);
    }

    static Stream<Arguments> badParameters() {
        return Stream.of(
                Arguments.of("/api/v1/audit-events?tokenId=abc", "token-id-invalid"),
                Arguments.of("/api/v1/audit-events?tokenId=1-1-1-1-1", "token-id-invalid"),
                Arguments.of("/api/v1/audit-events?actor=%00", "actor-invalid"),
                Arguments.of("/api/v1/audit-events?actor=a%0Ab", "actor-invalid"),
                Arguments.of("/api/v1/audit-events?actor=" + "x".repeat(201), "actor-invalid"),
                Arguments.of("/api/v1/audit-events?type=TOKEN-CREATED", "type-invalid"),
                Arguments.of("/api/v1/audit-events?type=token_created", "type-invalid"),
                Arguments.of("/api/v1/audit-events?type=%20token-created", "type-invalid"),
                Arguments.of("/api/v1/audit-events?type=" + "a".repeat(65), "type-invalid"),
                Arguments.of("/api/v1/audit-events?from=yesterday", "from-invalid"),
                Arguments.of("/api/v1/audit-events?from=2027-01-01", "from-invalid"),
                Arguments.of("/api/v1/audit-events?from=2027-13-01T00:00:00Z", "from-invalid"),
                Arguments.of("/api/v1/audit-events?from=%2B99999-01-01T00:00:00Z", "from-invalid"),
                Arguments.of("/api/v1/audit-events?from=-0001-01-01T00:00:00Z", "from-invalid"),
                Arguments.of("/api/v1/audit-events?to=1700000000", "to-invalid"),
                Arguments.of("/api/v1/audit-events?from=2027-02-01T00:00:00Z&to=2027-01-01T00:00:00Z", "range-invalid"),
                Arguments.of("/api/v1/audit-events?limit=0", "limit-invalid"),
                Arguments.of("/api/v1/audit-events?limit=201", "limit-invalid"),
                Arguments.of("/api/v1/audit-events?limit=abc", "limit-invalid"),
                Arguments.of("/api/v1/audit-events?limit=-1", "limit-invalid"),
                Arguments.of("/api/v1/audit-events?limit=1&limit=2", "limit-invalid"),
                Arguments.of("/api/v1/audit-events?cursor=%21%21%21", "cursor-invalid"),
                Arguments.of("/api/v1/audit-events?cursor=" + forged("audit-v1:abc"), "cursor-invalid"),
                Arguments.of("/api/v1/audit-events?cursor=" + forged("audit-v1:-5"), "cursor-invalid"),
                Arguments.of(
                        "/api/v1/audit-events?cursor=" + forged("audit-v1:99999999999999999999"), "cursor-invalid"),
                Arguments.of(
                        "/api/v1/audit-events?cursor=" + forged("v1\n-createdAt\n" + UUID.randomUUID() + "\n"),
                        "cursor-invalid"),
                Arguments.of("/api/v1/audit-events?cursor=" + "A".repeat(2000), "cursor-invalid"),
                Arguments.of("/api/v1/compliance/report?asOf=now", "as-of-invalid"),
                Arguments.of("/api/v1/compliance/report?asOf=%2B99999-01-01T00:00:00Z", "as-of-invalid"),
                Arguments.of("/api/v1/compliance/report?unusedDays=0", "unused-days-invalid"),
                Arguments.of("/api/v1/compliance/report?unusedDays=3651", "unused-days-invalid"),
                Arguments.of("/api/v1/compliance/report?unusedDays=-1", "unused-days-invalid"),
                Arguments.of("/api/v1/compliance/report?unusedDays=1e3", "unused-days-invalid"),
                Arguments.of("/api/v1/compliance/report?unusedDays=99999999999", "unused-days-invalid"),
                Arguments.of("/api/v1/compliance/report?rotationDays=0", "rotation-days-invalid"),
                Arguments.of("/api/v1/compliance/report?rotationDays=ninety", "rotation-days-invalid"),
                Arguments.of("/api/v1/compliance/report?periodFrom=x", "period-from-invalid"),
                Arguments.of("/api/v1/compliance/report?periodTo=x", "period-to-invalid"),
                Arguments.of(
                        "/api/v1/compliance/report?periodFrom=2027-02-01T00:00:00Z&periodTo=2027-01-01T00:00:00Z",
                        "period-invalid"));
    }

    @ParameterizedTest
    @MethodSource("badParameters")
    void refusesBadParameterWithItsCode(String pathAndQuery, String code) {
        for (String accept : new String[] {"application/json", "text/csv"}) {
            HttpResponse<String> response = client.get(pathAndQuery, admin, "Accept", accept);

            assertThat(response.statusCode()).as(accept + " " + response.body()).isEqualTo(400);
            assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            JsonNode problem = client.json(response);
            assertThat(problem.get("status").asInt()).isEqualTo(400);
            assertThat(problem.get("code").asText()).isEqualTo(code);
        }
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "/api/v1/audit-events?from=2027-01-01T01:00:00%2B01:00&to=2027-01-02T00:00:00.123456Z",
                "/api/v1/audit-events?tokenId=" + "AD100000-0000-4000-8000-000000000001",
                "/api/v1/audit-events?type=token-expiry-warning-issued&actor=user:alice&limit=200",
                "/api/v1/audit-events?limit=&cursor=&from=",
                "/api/v1/compliance/report?asOf=0001-01-01T00:00:00Z&unusedDays=3650&rotationDays=1",
                "/api/v1/compliance/report?periodFrom=2027-01-01T00:00:00Z&periodTo=2027-01-01T00:00:00Z"
            })
    void acceptsParametersAtTheEdgesOfWhatIsAllowed(String pathAndQuery) {
        HttpResponse<String> response = client.get(pathAndQuery, admin);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    private static String forged(String plain) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }
}
