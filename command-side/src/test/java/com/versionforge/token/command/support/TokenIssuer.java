package com.versionforge.token.command.support;

import com.versionforge.token.api.CreateTokenCommand;
import com.versionforge.token.api.Scope;
import com.versionforge.token.api.TenantId;
import com.versionforge.token.api.TokenId;
import com.versionforge.token.api.TokenName;
import com.versionforge.token.command.credential.TokenSecret;
import com.versionforge.token.command.token.TokenCommands;
import com.versionforge.token.command.web.RequestMetadata;
import java.time.Clock;
import java.time.Duration;

/**
 * Issues tokens the way the operator's bootstrap command does, through {@link TokenCommands} rather than HTTP, so
 * that a test has its first admin token (or a token of any scope) without a chicken-and-egg request.
 */
public class TokenIssuer {

    /** The request id on the metadata of every issued token's event. */
    public static final String REQUEST_ID = "it-issuer";

    private static final Duration LIFETIME = Duration.ofDays(30);

    private final TokenCommands commands;
    private final Clock clock;

    public TokenIssuer(TokenCommands commands, Clock clock) {
        this.commands = commands;
        this.clock = clock;
    }

    /** A new active token of {@code tenant} and {@code scope}, expiring 30 days from the clock's now. */
    public IssuedToken issue(String tenant, Scope scope) {
        TokenId tokenId = TokenId.random();
        TokenSecret secret = TokenSecret.generate();

        commands.send(
                new CreateTokenCommand(
                        tokenId,
                        new TenantId(tenant),
                        new TokenName("Issued " + scope.wireName() + " " + tokenId),
                        scope,
                        Scope.ADMIN,
                        secret.digest(),
                        secret.hint(),
                        clock.instant().plus(LIFETIME)),
                RequestMetadata.operator(REQUEST_ID));
        return new IssuedToken(tokenId, secret.reveal());
    }

    /** A token and the secret that only its creator ever sees. */
    public record IssuedToken(TokenId id, String secret) {}
}
