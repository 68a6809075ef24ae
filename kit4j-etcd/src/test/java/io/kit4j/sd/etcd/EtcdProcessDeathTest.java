package io.kit4j.sd.etcd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
 * A registered process killed with SIGKILL (it cannot deregister) disappears from the instancer once
 * its lease expires. Prints how long that took.
 */
class EtcdProcessDeathTest {
    @RegisterExtension
    static final EtcdServer etcd = new EtcdServer();

    private static final Logger LOG = Logger.logfmt(System.err).with("test", "kill-9");

    @Test
    void aKilledProcessDisappearsWhenItsLeaseExpires() throws Exception {
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-cp", classPath, RegisterMain.class.getName(),
                etcd.endpoint(), "victim", "127.0.0.1", "9999", "2")
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        try (EtcdRegistry registry = EtcdRegistry.open(EtcdConfig.of(etcd.endpoint()), LOG); Raw raw = new Raw(etcd)) {
            BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
            String line = out.readLine();
            assertNotNull(line, "the child process ended before registering");
            assertTrue(line.startsWith("registered "), line);
            long lease = Long.parseUnsignedLong(line.substring("registered ".length()), 16);
            assertTrue(lease != 0, "the child could not register: " + line);

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
}
