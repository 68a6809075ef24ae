package io.kit4j.examples;

import io.kit4j.examples.auth.DemoAuth;
import io.kit4j.time.Clock;
import java.time.Duration;
import java.util.List;

/** Bearer tokens for tests that write to the user service, signed like the service's own (the environment's secret). */
final class AuthFixtures {
    /** {@code Authorization} value of an admin, valid for an hour. */
    static final String ADMIN = "Bearer " + DemoAuth.fromEnvironment().issue(Clock.system(), "admin", List.of("admin"),
            Duration.ofHours(1));

    private AuthFixtures() {
    }
}
