package com.versionforge.token.command.support;

import com.versionforge.token.api.CreateTokenCommand;
import com.versionforge.token.api.Scope;
import com.versionforge.token.api.TenantId;
import com.versionforge.token.api.TokenId;
import com.versionforge.token.api.TokenName;
import com.versionforge.token.command.credential.TokenSecret;
import com.versionforge.token.command.token.TokenCommands;
import com.versionforge.token.command.web.RequestMetadata;
import java.time.Instant;
import java.util.UUID;

/** Issues a tenant's first token the way the operator command line does, for tests that then work over HTTP. */
public final class AdminTokens {

    private AdminTokens() {}

    /** The secret of a new token of that tenant and scope, named after the tenant. */
    public static String issue(TokenCommands commands, TenantId tenantId, Scope scope, Instant expiresAt) {
        TokenSecret secret = TokenSecret.generate();
        commands.send(
                new CreateTokenCommand(
                        TokenId.random(),
                        tenantId,
                        new TokenName(scope.wireName() + " of " + tenantId),
                        scope,
                        Scope.ADMIN,
                        secret.digest(),
                        secret.hint(),
                        expiresAt),
                RequestMetadata.operator(UUID.randomUUID().toString()));
        return secret.reveal();
    }
}
