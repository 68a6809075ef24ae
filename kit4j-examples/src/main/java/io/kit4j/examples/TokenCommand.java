package io.kit4j.examples;

import io.kit4j.examples.auth.DemoAuth;
import io.kit4j.time.Clock;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code kit4j token}: issues a token the user service accepts, signed with the same secret
 * ({@code --secret-file}, else {@code KIT4J_JWT_SECRET_FILE} / {@code KIT4J_JWT_SECRET}, else the public
 * demo secret), and prints it.
 */
@Command(name = "token", mixinStandardHelpOptions = true,
        description = "Issue a signed JWT (HS256) for the user service and print it, e.g. "
                + "curl -H \"Authorization: Bearer $(bin/kit4j token --user admin --role admin)\" ...")
final class TokenCommand implements Callable<Integer> {
    @Option(names = "--user", required = true, description = "the subject (sub) of the token")
    String user;

    @Option(names = "--role", description = "a role (repeatable); admin may write users (default: none)")
    List<String> roles = List.of();

    @Option(names = "--ttl", defaultValue = "PT15M", description = "lifetime, ISO-8601 (default: ${DEFAULT-VALUE})")
    Duration ttl;

    @Option(names = "--secret-file", description = "file holding the HS256 secret (at least 32 bytes)")
    Path secretFile;

    @Override
    public Integer call() {
        if (ttl.isNegative() || ttl.isZero()) {
            System.err.println("kit4j token: --ttl must be positive");
            return 2;
        }
        DemoAuth auth = secretFile != null ? DemoAuth.fromSecretFile(secretFile) : DemoAuth.fromEnvironment();
        if (auth.usesDemoSecret()) {
            System.err.println("kit4j token: signing with the public demo secret (set KIT4J_JWT_SECRET_FILE for real use)");
        }
        System.out.println(auth.issue(Clock.system(), user, roles, ttl));
        return 0;
    }
}
