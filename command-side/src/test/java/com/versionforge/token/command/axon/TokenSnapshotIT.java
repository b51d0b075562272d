package com.versionforge.token.command.axon;

import static org.assertj.core.api.Assertions.assertThat;

import com.versionforge.token.api.Scope;
import com.versionforge.token.api.UseTokenCommand;
import com.versionforge.token.command.support.RunningCommandSide;
import com.versionforge.token.command.support.TokenIssuer.IssuedToken;
import java.time.Instant;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.ResponseEntity;

/** A token with a long history is snapshotted, and its commands still see its whole state. */
class TokenSnapshotIT extends RunningCommandSide {

    private static final int USE_WINDOWS = 150;

    @Autowired
    private CommandGateway commandGateway;

    @Test
    void snapshotsABusyTokenAndStillRevokesIt() {
        IssuedToken admin = issuer.issue("snapshot-co", Scope.ADMIN);
        IssuedToken busy = issuer.issue("snapshot-co", Scope.READ_ONLY);
        Instant now = clock.instant();

        for (int window = 0; window < USE_WINDOWS; window++) {
            commandGateway.sendAndWait(new UseTokenCommand(busy.id(), 3, now, now, "203.0.113.5", "curl/8"));
        }

        Long snapshots = jdbc.sql("SELECT count(*) FROM snapshotevententry WHERE aggregateidentifier = ?")
                .param(busy.id().toString())
                .query(Long.class)
                .single();
        assertThat(snapshots).isPositive();
        ResponseEntity<String> revoked = api.revoke(admin.secret(), busy.id().toString(), "{\"reason\":\"busy\"}");
        assertThat(revoked.getStatusCode().value()).isEqualTo(200);
        ResponseEntity<String> second = api.revoke(admin.secret(), busy.id().toString(), "{}");
        assertThat(second.getStatusCode().value()).isEqualTo(409);
    }

    @Test
    void ignoresASnapshotOfAnotherRevision() {
        IssuedToken admin = issuer.issue("snapshot-rev", Scope.ADMIN);
        IssuedToken busy = issuer.issue("snapshot-rev", Scope.READ_ONLY);
        Instant now = clock.instant();
        commandGateway.sendAndWait(new UseTokenCommand(busy.id(), 1, now, now, "203.0.113.5", "curl/8"));
        // A snapshot as the release before revision 2 wrote it (no revision), here in a form no release can read.
        jdbc.sql("""
                        INSERT INTO snapshotevententry (aggregateidentifier, sequencenumber, type, eventidentifier,
                            metadata, payload, payloadrevision, payloadtype, timestamp)
                        VALUES (?, 1, 'ApiToken', ?, convert_to('{}', 'UTF8'), convert_to('{"tokenId":42,"x":[', 'UTF8'),
                            NULL, 'com.versionforge.token.command.token.ApiToken', '2026-01-01T00:00:00Z')""")
                .param(busy.id().toString())
                .param(UUID.randomUUID().toString())
                .update();

        ResponseEntity<String> revoked = api.revoke(admin.secret(), busy.id().toString(), "{}");

        assertThat(revoked.getStatusCode().value()).isEqualTo(200);
    }
}
