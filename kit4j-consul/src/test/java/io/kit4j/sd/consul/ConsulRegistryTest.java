package io.kit4j.sd.consul;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kit4j.errors.ErrorCode;
import io.kit4j.errors.KitError;
import io.kit4j.log.Logger;
import io.kit4j.sd.HealthCheck;
import io.kit4j.sd.Instancer;
import io.kit4j.sd.Registrar;
import io.kit4j.sd.ServiceInstance;
import io.kit4j.transport.http.HttpServer;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Registration and discovery end to end: a real kit4j HTTP server is the instance, the Consul stand-in
 * (not real Consul: see {@link ConsulStandIn}) runs its HTTP health check.
 */
class ConsulRegistryTest {
    // A generous check timeout: a healthy instance on a loaded machine must not flap; a stopped one is
    // refused at once anyway.
    private static final HealthCheck FAST = new HealthCheck("/health", Duration.ofMillis(100), Duration.ofSeconds(5),
            Duration.ofMillis(800));

    @Test
    void registerDiscoverFailAndBeReaped() throws Exception {
        try (ConsulStandIn consul = ConsulStandIn.builder().reapInterval(Duration.ofMillis(100))
                        .minDeregisterCriticalAfter(Duration.ZERO).start();
                ConsulRegistry registry = ConsulRegistry.open(URI.create(consul.consulUri() + "?wait=20s"), Logger.nop());
                HealthServer instance = new HealthServer()) {
            ServiceInstance si = ServiceInstance.of("users", "127.0.0.1", instance.port())
                    .withTags(List.of("v1")).withMetadata(Map.of("version", "1.2.3")).withHealthCheck(FAST);
            EventLog passing = new EventLog();
            EventLog all = new EventLog();
            Instancer passingOnly = registry.instancer("users");
            Instancer anyHealth = registry.instancer("users", List.of(), false);
            passingOnly.register(passing);
            anyHealth.register(all);
            assertEquals(List.of(), passing.last().instances());

            Registrar registrar = registry.registrar(si);
            registrar.register();
            ConsulStandIn.ServiceView view = consul.services().get(si.id());
            assertNotNull(view, "registered under the instance's id");
            assertEquals("users", view.name());
            assertEquals(List.of("v1"), view.tags());
            assertEquals("127.0.0.1", view.address());
            assertEquals(instance.port(), view.port());
            assertEquals(Map.of("version", "1.2.3"), view.meta());
            assertEquals("http://127.0.0.1:" + instance.port() + "/health", view.checkHttp());
            assertEquals("100ms", view.checkInterval());
            assertEquals("5s", view.checkTimeout());
            assertEquals("800ms", view.deregisterAfter());

            // Critical until the first check passes (Consul's initial status), then passing.
            all.awaitInstances(si.address());
            passing.awaitInstances(si.address());
            assertEquals("passing", consul.services().get(si.id()).checkStatus());

            // The instance dies: its check goes critical, it leaves the passing set but is still registered...
            instance.stop();
            passing.awaitInstances();
            assertEquals("critical", consul.services().get(si.id()).checkStatus());
            // ...until DeregisterCriticalServiceAfter has passed: the reaper removes it.
            all.awaitInstances();
            assertFalse(consul.services().containsKey(si.id()));
        }
    }

    @Test
    void deregisterAndCloseWithdrawInstances() throws Exception {
        ByteArrayOutputStream logs = new ByteArrayOutputStream();
        Logger logger = Logger.logfmt(logs);
        try (ConsulStandIn consul = ConsulStandIn.builder().start();
                HealthServer a = new HealthServer();
                HealthServer b = new HealthServer()) {
            ConsulRegistry registry = ConsulRegistry.open(URI.create(consul.consulUri() + "?wait=20s"), logger);
            ServiceInstance ia = ServiceInstance.of("users", "127.0.0.1", a.port());
            ServiceInstance ib = ServiceInstance.of("users", "127.0.0.1", b.port());
            EventLog events = new EventLog();
            ConsulInstancer instancer = registry.instancer("users");
            instancer.register(events);
            Registrar ra = registry.registrar(ia);
            Registrar rb = registry.registrar(ib);
            ra.register();
            rb.register();
            events.awaitInstances(ia.address(), ib.address()); // no check: passing as far as Consul is concerned

            rb.deregister();
            events.awaitInstances(ia.address());
            assertEquals(List.of(ia.id()), List.copyOf(consul.services().keySet()));

            rb.deregister(); // not registered any more: Consul answers 404, logged, not thrown
            String log = logs.toString(StandardCharsets.UTF_8);
            assertTrue(log.contains("action=register"), log);
            assertTrue(log.contains("action=deregister"), log);
            assertTrue(log.contains("HTTP 404"), log);

            registry.close(); // deregisters ia (still registered), stops the instancer
            assertTrue(consul.services().isEmpty());
            assertTrue(instancer.isStopped());
            assertTrue(instancer.awaitStopped(EventLog.PATIENCE), "instancer thread ended");
            long deregisters = consul.requests().stream().filter(r -> r.path().contains("/deregister/")).count();
            assertEquals(3, deregisters, "rb twice, ia once at close");
            registry.close(); // idempotent
        }
    }

    @Test
    void registrarFailuresAreLoggedNotThrown() throws Exception {
        ByteArrayOutputStream logs = new ByteArrayOutputStream();
        URI unreachable;
        try (ConsulStandIn consul = ConsulStandIn.builder().start()) {
            unreachable = consul.uri(); // closed below: nothing listens there any more
        }
        try (ConsulRegistry registry = ConsulRegistry.builder(unreachable).logger(Logger.logfmt(logs))
                .requestTimeout(Duration.ofSeconds(5)).build()) {
            Registrar r = registry.registrar(ServiceInstance.of("users", "127.0.0.1", 8080));
            r.register();
            r.deregister();
        }
        String log = logs.toString(StandardCharsets.UTF_8);
        assertTrue(log.contains("err=") && log.contains("action=register"), log);
        assertTrue(log.contains("action=deregister"), log);
    }

    @Test
    void warningIsNotPassing() throws Exception {
        // A 429 answer makes an HTTP check "warning"; ?passing leaves out warning as well as critical.
        HttpServer busy = HttpServer.builder().host("127.0.0.1").port(0).handler((ctx, req, resp) -> {
            throw new KitError(ErrorCode.RESOURCE_EXHAUSTED, "busy");
        }).build().start();
        try (ConsulStandIn consul = ConsulStandIn.builder().start();
                ConsulRegistry registry = ConsulRegistry.open(URI.create(consul.consulUri() + "?wait=20s"), Logger.nop())) {
            ServiceInstance si = ServiceInstance.of("users", "127.0.0.1", busy.port()).withHealthCheck(FAST);
            EventLog all = new EventLog();
            EventLog passing = new EventLog();
            registry.instancer("users", List.of(), false).register(all);
            registry.instancer("users").register(passing);
            registry.registrar(si).register();
            EventLog.awaitTrue("check status warning", () -> "warning".equals(consul.services().get(si.id()).checkStatus()));
            all.awaitInstances(si.address());
            assertEquals(List.of(), passing.last().instances());
        } finally {
            busy.stop();
        }
    }
}
