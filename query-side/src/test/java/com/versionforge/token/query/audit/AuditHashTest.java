package com.versionforge.token.query.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.UUID;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The hash of an entry covers every field and the previous hash, and no two different entries share a form. */
class AuditHashTest {

    private static final AuditEntry ENTRY = new AuditEntry(
            42,
            "acme",
            Instant.parse("2027-01-15T12:00:00.123456Z"),
            "token-revoked",
            UUID.fromString("a0000000-0000-4000-8000-000000000001"),
            "Deploy key",
            "user:bob",
            "198.51.100.8",
            "req-1",
            "{\"reason\":\"leaked\"}",
            AuditHash.GENESIS,
            null);

    static Stream<Arguments> changes() {
        return Stream.<Arguments>of(
                change("id", e -> copy(e, 43, e.tenantId(), e.tokenName(), e.actor(), e.clientIp(), e.prevHash())),
                change("tenant", e -> copy(e, e.id(), "acme2", e.tokenName(), e.actor(), e.clientIp(), e.prevHash())),
                change(
                        "name",
                        e -> copy(e, e.id(), e.tenantId(), "Deploy key ", e.actor(), e.clientIp(), e.prevHash())),
                change("actor", e -> copy(e, e.id(), e.tenantId(), e.tokenName(), null, e.clientIp(), e.prevHash())),
                change(
                        "empty actor",
                        e -> copy(e, e.id(), e.tenantId(), e.tokenName(), "", e.clientIp(), e.prevHash())),
                change(
                        "previous hash",
                        e -> copy(e, e.id(), e.tenantId(), e.tokenName(), e.actor(), e.clientIp(), "1".repeat(64))),
                // Moving characters between neighbouring fields keeps their concatenation: the length prefixes tell.
                change(
                        "boundary between fields",
                        e -> copy(e, e.id(), e.tenantId(), e.tokenName(), "user:bob1", "98.51.100.8", e.prevHash())));
    }

    /**
     * The canonical form as the class comment states it, hashed outside Java (Python's hashlib over the same bytes):
     * trails written before keep verifying, and a rebuild gives the hashes they hold.
     */
    @Test
    void isTheSha256OfTheDocumentedCanonicalForm() {
        assertThat(AuditHash.of(ENTRY)).isEqualTo("0bccf34335e29e75d0615ed2f49e79f76a2627c910e4bc400297f7f4956b34ea");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("changes")
    void changesWithAnyChangeOfTheEntry(String change, UnaryOperator<AuditEntry> edit) {
        assertThat(AuditHash.of(edit.apply(ENTRY))).isNotEqualTo(AuditHash.of(ENTRY));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("changes")
    void isTheSameForTheSameEntry(String change, UnaryOperator<AuditEntry> edit) {
        AuditEntry edited = edit.apply(ENTRY);

        assertThat(AuditHash.of(edited))
                .isEqualTo(AuditHash.of(edit.apply(ENTRY)))
                .matches("[0-9a-f]{64}");
    }

    private static Arguments change(String name, UnaryOperator<AuditEntry> edit) {
        return Arguments.of(name, edit);
    }

    private static AuditEntry copy(
            AuditEntry e, long id, String tenant, String name, String actor, String clientIp, String prevHash) {
        return new AuditEntry(
                id,
                tenant,
                e.occurredAt(),
                e.type(),
                e.tokenId(),
                name,
                actor,
                clientIp,
                e.requestId(),
                e.details(),
                prevHash,
                null);
    }
}
