package io.kit4j.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kit4j.log.Logger;
import io.kit4j.sd.Registrar;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class ServiceRunnerTest {
    final List<String> steps = new CopyOnWriteArrayList<>();

    Registrar registrar(String name) {
        return new Registrar() {
            @Override
            public void register() {
                steps.add("register " + name);
            }

            @Override
            public void deregister() {
                steps.add("deregister " + name);
            }
        };
    }

    @Test
    void deregistersFirstThenClosesInReverseOrderOnce() {
        ServiceRunner runner = ServiceRunner.create(Logger.nop()).deregisterGrace(Duration.ZERO)
                .closeOnStop("http", () -> steps.add("close http"))
                .closeOnStop("grpc", () -> steps.add("close grpc"))
                .register(registrar("zk"));
        assertEquals(List.of("register zk"), steps);
        runner.stop();
        runner.stop();
        assertTrue(runner.isStopped());
        assertEquals(List.of("register zk", "deregister zk", "close grpc", "close http"), steps);
    }

    @Test
    void aFailingStepIsLoggedAndTheStopGoesOn() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ServiceRunner runner = ServiceRunner.create(Logger.logfmt(out)).deregisterGrace(Duration.ZERO)
                .closeOnStop("http", () -> steps.add("close http"))
                .closeOnStop("broken", () -> {
                    throw new IllegalStateException("boom");
                })
                .register(new Registrar() {
                    @Override
                    public void register() {
                    }

                    @Override
                    public void deregister() {
                        throw new IllegalStateException("registry gone");
                    }
                });
        runner.stop();
        String log = out.toString(StandardCharsets.UTF_8);
        assertEquals(List.of("close http"), steps);
        assertTrue(log.contains("event=\"deregister failed\" err=\"registry gone\""), log);
        assertTrue(log.contains("event=\"close failed\" what=broken err=boom"), log);
        assertTrue(log.contains("event=stopped"), log);
    }
}
