package com.versionforge.token.command.support;

import com.versionforge.token.api.CreateTokenCommand;
import com.versionforge.token.api.Scope;
import com.versionforge.token.api.TenantId;
import com.versionforge.token.api.TokenId;
import com.versionforge.token.api.TokenName;
import com.versionforge.token.command.credential.TokenSecret;
import com.versionforge.token.command.token.TokenCommands;
import com.versionforge.token.command.web.RequestMetadata;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/** Issues tokens straight through the command bus, so that no rate-limited request is spent on setting up a test. */
public final class TestTokens {

    private final TokenCommands commands;

    public TestTokens(TokenCommands commands) {
        this.commands = commands;
    }

    /** A new active token of {@code tenant} with {@code scope}, valid for 30 days from {@code now}. */
    public IssuedToken issue(TenantId tenant, Scope scope, Instant now) {
        TokenId tokenId = TokenId.random();
        TokenSecret secret = TokenSecret.generate();
        commands.send(
                new CreateTokenCommand(
                        tokenId,
                        tenant,
                        new TokenName(scope.wireName() + " " + UUID.randomUUID()),
                        scope,
                        Scope.ADMIN,
                        secret.digest(),
                        secret.hint(),
                        now.plus(Duration.ofDays(30))),
                RequestMetadata.operator(UUID.randomUUID().toString()));
        return new IssuedToken(tokenId, secret);
    }

    /** A token and its secret; its string form never shows the secret, so assertion messages cannot leak it. */
    public static final class IssuedToken {

        private final TokenId tokenId;
        private final TokenSecret secret;

        IssuedToken(TokenId tokenId, TokenSecret secret) {
            this.tokenId = tokenId;
            this.secret = secret;
        }

        public TokenId tokenId() {
            return tokenId;
        }

        /** The value of an {@code Authorization} header that presents this token. */
        public String bearer() {
            return "Bearer " + secret.reveal();
        }

        @Override
        public String toString() {
            return "token " + tokenId + " (" + secret + ")";
        }
    }
}
