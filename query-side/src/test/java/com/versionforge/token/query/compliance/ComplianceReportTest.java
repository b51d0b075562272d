package com.versionforge.token.query.compliance;

import static org.assertj.core.api.Assertions.assertThat;

import com.versionforge.token.api.Scope;
import com.versionforge.token.api.TokenStatus;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The report's definitions, at the edges where a token enters or leaves a list, as the README states them. */
class ComplianceReportTest {

    private static final Instant AS_OF = Instant.parse("2027-06-01T00:00:00Z");
    private static final ComplianceCriteria CRITERIA =
            new ComplianceCriteria(AS_OF, 30, 90, AS_OF.minus(days(30)), AS_OF);

    @Test
    void countsAsUnusedFromExactlyUnusedDaysWithoutUse() {
        TokenRecord atThreshold = token("at threshold", Scope.READ_ONLY, AS_OF.minus(days(60)), AS_OF.minus(days(30)));
        TokenRecord justInside = token(
                "just inside",
                Scope.READ_ONLY,
                AS_OF.minus(days(60)),
                AS_OF.minus(days(30)).plusSeconds(1));

        ComplianceReport report = report(atThreshold, justInside);

        assertThat(names(report.unused())).containsExactly("at threshold");
        assertThat(report.neverUsed()).isEmpty();
    }

    @Test
    void countsAsExpiringSoonUpToExactlyFourteenDaysAhead() {
        TokenRecord atHorizon = expiring("at horizon", AS_OF.plus(days(14)));
        TokenRecord pastHorizon = expiring("past horizon", AS_OF.plus(days(14)).plusSeconds(1));
        TokenRecord expiredAtAsOf = expiring("expired at asOf", AS_OF);

        ComplianceReport report = report(atHorizon, pastHorizon, expiredAtAsOf);

        assertThat(names(report.expiringSoon())).containsExactly("at horizon");
        assertThat(report.counts().get("read-only").get("expired")).isEqualTo(1);
    }

    @Test
    void countsAsOlderThanRotationOnlyPastExactlyRotationDays() {
        TokenRecord exactly = token("exactly 90 days", Scope.ADMIN, AS_OF.minus(days(90)), null);
        TokenRecord older = token("older", Scope.ADMIN, AS_OF.minus(days(90)).minusSeconds(1), null);

        ComplianceReport report = report(exactly, older);

        assertThat(names(report.olderThanRotation())).containsExactly("older");
        assertThat(names(report.adminScoped())).containsExactly("older", "exactly 90 days");
    }

    @Test
    void listsRevocationsOnBothEdgesOfThePeriodButNotAfterAsOf() {
        TokenRecord atStart = revoked("at start", AS_OF.minus(days(30)));
        TokenRecord beforeStart = revoked("before start", AS_OF.minus(days(30)).minusSeconds(1));
        TokenRecord atAsOf = revoked("at asOf", AS_OF);

        ComplianceReport report = report(atStart, beforeStart, atAsOf);

        assertThat(names(report.revokedInPeriod())).containsExactly("at start", "at asOf");
        assertThat(report.counts().get("read-only").get("revoked")).isEqualTo(3);
    }

    @Test
    void judgesARevocationAfterAsOfAsNotYetHappened() {
        TokenRecord token = new TokenRecord(
                id("revoked later"),
                "revoked later",
                Scope.READ_ONLY,
                AS_OF.minus(days(5)),
                "user:alice",
                AS_OF.plus(days(30)),
                null,
                null,
                null);

        assertThat(token.statusAt(AS_OF)).isEqualTo(TokenStatus.ACTIVE);
        assertThat(names(report(token).neverUsed())).containsExactly("revoked later");
    }

    @Test
    void listsPresentedTokensLatestFirstWithTheirRefusals() {
        TokenRecord first = revoked("first", AS_OF.minus(days(3)));
        TokenRecord second = revoked("second", AS_OF.minus(days(2)));
        List<RefusedUses> refused = List.of(
                new RefusedUses(first.tokenId(), 5, AS_OF.minus(days(1)), "192.0.2.1", TokenStatus.REVOKED),
                new RefusedUses(second.tokenId(), 2, AS_OF.minusSeconds(5), null, TokenStatus.REVOKED),
                new RefusedUses(UUID.randomUUID(), 1, AS_OF, "192.0.2.9", TokenStatus.EXPIRED));

        ComplianceReport report = ComplianceReport.of(CRITERIA, List.of(first, second), refused);

        assertThat(report.stillPresented())
                .extracting(presented -> presented.token().name() + ":" + presented.refusedCount())
                .containsExactly("second:2", "first:5");
    }

    private static ComplianceReport report(TokenRecord... tokens) {
        return ComplianceReport.of(CRITERIA, List.of(tokens), List.of());
    }

    private static TokenRecord token(String name, Scope scope, Instant createdAt, Instant lastUsedAt) {
        return new TokenRecord(
                id(name), name, scope, createdAt, "user:alice", AS_OF.plus(days(200)), null, null, lastUsedAt);
    }

    private static TokenRecord expiring(String name, Instant expiresAt) {
        return new TokenRecord(
                id(name), name, Scope.READ_ONLY, AS_OF.minus(days(10)), "user:alice", expiresAt, null, null, AS_OF);
    }

    private static TokenRecord revoked(String name, Instant revokedAt) {
        return new TokenRecord(
                id(name),
                name,
                Scope.READ_ONLY,
                AS_OF.minus(days(100)),
                "user:alice",
                AS_OF.plus(days(100)),
                revokedAt,
                "user:bob",
                null);
    }

    private static UUID id(String name) {
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8));
    }

    private static List<String> names(List<TokenFinding> findings) {
        return findings.stream().map(TokenFinding::name).toList();
    }

    private static Duration days(long days) {
        return Duration.ofDays(days);
    }
}
