package com.versionforge.token.command.bootstrap;

import com.versionforge.token.api.CreateTokenCommand;
import com.versionforge.token.api.Scope;
import com.versionforge.token.api.TenantId;
import com.versionforge.token.api.TokenId;
import com.versionforge.token.api.TokenName;
import com.versionforge.token.api.TokenRuleViolationException;
import com.versionforge.token.command.CommandSideApplication;
import com.versionforge.token.command.credential.TokenSecret;
import com.versionforge.token.command.token.Expiry;
import com.versionforge.token.command.token.TokenCommands;
import com.versionforge.token.command.web.RequestMetadata;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code bootstrap --tenant=<id> [--expires-in=30d|90d|1y] [--expires-at=<date>]}: issues an admin token of a tenant
 * and prints it as the last line of standard output, and nowhere else. It works whether or not the service runs: it
 * uses the running service's embedded PostgreSQL when there is one, else it starts it for the time of the command.
 */
public final class BootstrapCommand {

    private static final String NAME = "bootstrap";

    private BootstrapCommand() {}

    /** Whether the command line asks for this command. */
    public static boolean isRequested(String[] args) {
        return args.length > 0 && NAME.equals(args[0]);
    }

    /** Runs the command and returns the process exit code. */
    public static int run(String[] args) {
        PrintStream out = System.out;
        Map<String, String> options = options(Arrays.copyOfRange(args, 1, args.length));
        TenantId tenantId;
        try {
            tenantId = new TenantId(options.getOrDefault("tenant", ""));
        } catch (IllegalArgumentException e) {
            System.err.println("Usage: bootstrap --tenant=<id> [--expires-in=30d|90d|1y | --expires-at=<date>]");
            System.err.println(e.getMessage());
            return 2;
        }

        Map<String, String> settings = new HashMap<>();
        settings.put("logging.level.root", "WARN");
        settings.put("spring.main.banner-mode", "off");
        // A one-shot: no scheduler, hence no expiry saga and no notifier (ConditionalOnScheduler). It appends the
        // token's events and exits; the running service's saga and notifier pick them up from the event store.
        settings.put("db-scheduler.enabled", "false");
        RunningEmbeddedPostgres.find().ifPresent(url -> {
            settings.put("spring.datasource.url", url);
            settings.put("spring.datasource.username", "postgres");
        });

        Issued issued;
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(CommandSideApplication.class)
                .web(WebApplicationType.NONE)
                .run(asArguments(settings))) {
            Clock clock = context.getBean(Clock.class);
            Instant now = clock.instant();
            Instant expiresAt = Expiry.resolve(
                    options.get("expires-at") == null ? options.getOrDefault("expires-in", "30d") : null,
                    options.get("expires-at"),
                    now);
            TokenId tokenId = TokenId.random();
            TokenSecret secret = TokenSecret.generate();
            context.getBean(TokenCommands.class)
                    .send(
                            new CreateTokenCommand(
                                    tokenId,
                                    tenantId,
                                    new TokenName("Bootstrap admin " + now),
                                    Scope.ADMIN,
                                    Scope.ADMIN,
                                    secret.digest(),
                                    secret.hint(),
                                    expiresAt),
                            RequestMetadata.operator(UUID.randomUUID().toString()));
            issued = new Issued(tokenId, expiresAt, secret);
        } catch (TokenRuleViolationException e) {
            System.err.println("Refused: " + e.getMessage());
            return 1;
        }

        // Printed after the context has closed, so that nothing follows the secret on standard output.
        out.println("Admin token " + issued.tokenId() + " of tenant " + tenantId + ", expires " + issued.expiresAt());
        out.println(issued.secret().reveal());
        out.flush();
        return 0;
    }

    private record Issued(TokenId tokenId, Instant expiresAt, TokenSecret secret) {}

    /** As command-line arguments, which outrank application.yml, unlike default properties. */
    private static String[] asArguments(Map<String, String> settings) {
        return settings.entrySet().stream()
                .map(setting -> "--" + setting.getKey() + "=" + setting.getValue())
                .toArray(String[]::new);
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (String arg : args) {
            if (arg.startsWith("--") && arg.contains("=")) {
                int split = arg.indexOf('=');
                options.put(arg.substring(2, split), arg.substring(split + 1));
            }
        }
        return options;
    }
}
