package io.kit4j.sd.etcd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.etcd.jetcd.KeyValue;
import io.kit4j.log.Logger;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A registering process in another JVM ({@link RegisterMain}, TTL 2 s): killed with SIGKILL (it cannot
 * deregister) it disappears once its lease expires, and the test prints how long that took; frozen with
 * SIGSTOP past its TTL, its lease expires meanwhile and it registers again with a new lease when it
 * wakes.
 */
class EtcdProcessDeathTest {
    @RegisterExtension
    static final EtcdServer etcd = new EtcdServer();

    private static final Logger LOG = Logger.logfmt(System.err).with("test", "process");

    @Test
    void aKilledProcessDisappearsWhenItsLeaseExpires() throws Exception {
        Process child = startChild("victim", 9999);
        try (EtcdRegistry registry = EtcdRegistry.open(EtcdConfig.of(etcd.endpoint()), LOG); Raw raw = new Raw(etcd)) {
            long lease = awaitRegistered(child);
            EtcdInstancer instancer = registry.instancer("victim");
            Recorder rec = new Recorder();
            instancer.register(rec);
            Eventually.awaitEquals("child registered", List.of("127.0.0.1:9999"), rec::instances);
            assertEquals(2, raw.lease(lease).getGrantedTTL());

            long killed = System.nanoTime();
            child.destroyForcibly(); // SIGKILL
            assertTrue(child.waitFor(30, TimeUnit.SECONDS));
            Eventually.await("removal after kill -9", () -> rec.firstSince(killed, List.of()) != null);
            long tookMillis = (rec.firstSince(killed, List.of()).nanos() - killed) / 1_000_000;
            System.out.println("kit4j-etcd: kill -9 of a registered process (TTL 2 s) -> removal seen by the"
                    + " instancer after " + tookMillis + " ms");
            assertNull(raw.get("/services/victim/victim-127.0.0.1-9999"));
            assertEquals(-1, raw.lease(lease).getTTL(), "the lease expired");
        } finally {
            child.destroyForcibly();
        }
    }

    @Test
    void aProcessFrozenPastItsTtlRegistersAgainWhenItWakes() throws Exception {
        Process child = startChild("sleeper", 9998);
        try (EtcdRegistry registry = EtcdRegistry.open(EtcdConfig.of(etcd.endpoint()), LOG); Raw raw = new Raw(etcd)) {
            long lease = awaitRegistered(child);
            EtcdInstancer instancer = registry.instancer("sleeper");
            Recorder rec = new Recorder();
            instancer.register(rec);
            Eventually.awaitEquals("child registered", List.of("127.0.0.1:9998"), rec::instances);

            long frozen = System.nanoTime();
            signal("STOP", child);
            try {
                // No keep-alives while frozen: etcd lets the lease expire and the instance goes.
                Eventually.await("removal while frozen", () -> rec.firstSince(frozen, List.of()) != null);
                assertEquals(-1, raw.lease(lease).getTTL());
            } finally {
                signal("CONT", child);
            }
            Eventually.awaitEquals("back after waking", List.of("127.0.0.1:9998"), rec::instances);
            KeyValue kv = raw.get("/services/sleeper/sleeper-127.0.0.1-9998");
            assertNotEquals(lease, kv.getLease(), "a new lease");
            assertTrue(raw.lease(kv.getLease()).getTTL() > 0);
        } finally {
            child.destroyForcibly();
        }
    }

    private static Process startChild(String service, int port) throws Exception {
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-cp", classPath, RegisterMain.class.getName(),
                etcd.endpoint(), service, "127.0.0.1", Integer.toString(port), "2")
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
    }

    /** Reads the child's {@code registered <lease>} line; the lease. */
    private static long awaitRegistered(Process child) throws Exception {
        BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
        String line = out.readLine();
        assertNotNull(line, "the child process ended before registering");
        assertTrue(line.startsWith("registered "), line);
        long lease = Long.parseUnsignedLong(line.substring("registered ".length()), 16);
        assertTrue(lease != 0, "the child could not register: " + line);
        return lease;
    }

    private static void signal(String signal, Process p) throws Exception {
        Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(p.pid())).inheritIO().start();
        assertTrue(kill.waitFor(10, TimeUnit.SECONDS) && kill.exitValue() == 0, "kill -" + signal + " failed");
    }
}
