package io.kit4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kit4j.circuitbreaker.CircuitBreakers;
import io.kit4j.circuitbreaker.Settings;
import io.kit4j.circuitbreaker.State;
import io.kit4j.context.Context;
import io.kit4j.examples.client.BalancedGetName;
import io.kit4j.log.Logger;
import io.kit4j.sd.FixedInstancer;
import io.kit4j.transport.http.HttpServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.Test;

/** Three real instances behind round robin + retry + per-instance breakers; one is stopped mid-run. */
class ThreeInstancesTest {

    @Test
    void noCallFailsWhenAnInstanceStopsMidRun() throws Exception {
        List<HttpServer> servers = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            servers.add(UserServiceApp.start("127.0.0.1", 0, Logger.nop(), UserServiceApp.Middlewares.BARE));
        }
        List<String> addrs = servers.stream().map(s -> "127.0.0.1:" + s.port()).toList();
        CircuitBreakers breakers = new CircuitBreakers(io.kit4j.time.Clock.system(),
                Settings.builder().timeout(Duration.ofSeconds(10)).requestVolumeThreshold(3).sleepWindow(Duration.ofMinutes(5)).build());
        Map<String, LongAdder> servedBy = new ConcurrentHashMap<>();
        AtomicInteger failures = new AtomicInteger();
        AtomicInteger degraded = new AtomicInteger();
        AtomicInteger done = new AtomicInteger();
        try (BalancedGetName client = new BalancedGetName(new FixedInstancer(addrs),
                BalancedGetName.Strategy.ROUND_ROBIN, 3, Duration.ofSeconds(5), breakers, Logger.nop());
                ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> workers = new ArrayList<>();
            for (int w = 0; w < 4; w++) {
                workers.add(pool.submit(() -> {
                    for (int i = 0; i < 150; i++) {
                        try {
                            BalancedGetName.Answer a = client.call(Context.background(), 101);
                            servedBy.computeIfAbsent(a.instance(), k -> new LongAdder()).increment();
                            degraded.addAndGet(a.degraded() ? 1 : 0);
                            assertEquals("shenyi", a.result(), a.instance());
                        } catch (Exception e) {
                            failures.incrementAndGet();
                        }
                        done.incrementAndGet();
                    }
                    return null;
                }));
            }
            while (done.get() < 200) {
                Thread.sleep(1);
            }
            servers.get(1).stop();
            int stoppedAt = done.get();
            for (Future<?> f : workers) {
                f.get();
            }
            assertEquals(0, failures.get(), "no client call may fail");
            assertEquals(0, degraded.get(), "two instances are left: no call needs the fallback");
            assertEquals(600, done.get());
            assertTrue(stoppedAt < 600, "the instance stopped while calls were running");
            assertTrue(servedBy.get(addrs.get(0)).sum() > servedBy.get(addrs.get(1)).sum(), servedBy.toString());
            assertTrue(servedBy.get(addrs.get(2)).sum() > servedBy.get(addrs.get(1)).sum(), servedBy.toString());
            assertEquals(State.OPEN, client.instanceBreakers().breaker(addrs.get(1)).state(),
                    "the stopped instance's breaker opened");
            assertEquals(State.CLOSED, client.instanceBreakers().breaker(addrs.get(0)).state());
        } finally {
            servers.forEach(HttpServer::stop);
        }
    }
}
