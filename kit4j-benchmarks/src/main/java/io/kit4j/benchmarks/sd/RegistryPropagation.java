package io.kit4j.benchmarks.sd;

import io.kit4j.log.Logger;
import io.kit4j.sd.Event;
import io.kit4j.sd.Instancer;
import io.kit4j.sd.Registrar;
import io.kit4j.sd.Registries;
import io.kit4j.sd.Registry;
import io.kit4j.sd.ServiceInstance;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Propagation time through a real registry: from {@code register()} (or {@code deregister()})
 * returning in one registry connection to an {@link Instancer} on another connection publishing the
 * change, over {@code n} changes each way; prints median, p90, p99 and max.
 *
 * <pre>{@code
 * java -cp kit4j-benchmarks/target/benchmarks.jar io.kit4j.benchmarks.sd.RegistryPropagation zk://127.0.0.1:2181 100
 * }</pre>
 * Run it through {@code kit4j-benchmarks/registry/propagation.sh}, which starts the servers.
 */
public final class RegistryPropagation {
    private RegistryPropagation() {
    }

    /** {@code args}: registry URI, then the number of changes (default 100). */
    public static void main(String[] args) throws Exception {
        String uri = args[0];
        int n = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        String service = "propagation-" + Long.toHexString(System.nanoTime());
        ConcurrentMap<String, CountDownLatch> appear = new ConcurrentHashMap<>();
        ConcurrentMap<String, CountDownLatch> vanish = new ConcurrentHashMap<>();
        ConcurrentMap<String, Long> seenAt = new ConcurrentHashMap<>();
        Set<String> current = ConcurrentHashMap.newKeySet();
        Consumer<Event> listener = event -> {
            long now = System.nanoTime();
            if (event.error() != null) {
                return;
            }
            Set<String> next = Set.copyOf(event.instances());
            for (String added : next) {
                if (current.add(added)) {
                    seenAt.put("+" + added, now);
                    appear.computeIfAbsent(added, k -> new CountDownLatch(1)).countDown();
                }
            }
            for (String old : List.copyOf(current)) {
                if (!next.contains(old)) {
                    current.remove(old);
                    seenAt.put("-" + old, now);
                    vanish.computeIfAbsent(old, k -> new CountDownLatch(1)).countDown();
                }
            }
        };
        List<Long> up = new ArrayList<>();
        List<Long> down = new ArrayList<>();
        try (Registry writer = Registries.open(uri, Logger.nop()); Registry reader = Registries.open(uri, Logger.nop())) {
            Instancer instancer = reader.instancer(service);
            instancer.register(listener);
            for (int i = 0; i < n + 5; i++) { // the first 5 warm up
                ServiceInstance inst = ServiceInstance.of(service, "127.0.0.1", 20000 + i);
                String addr = inst.address();
                appear.putIfAbsent(addr, new CountDownLatch(1));
                vanish.putIfAbsent(addr, new CountDownLatch(1));
                Registrar r = writer.registrar(inst);
                long t0 = System.nanoTime();
                r.register();
                long t1 = System.nanoTime();
                await(appear.get(addr), "register " + addr);
                long t2 = System.nanoTime();
                r.deregister();
                long t3 = System.nanoTime();
                await(vanish.get(addr), "deregister " + addr);
                if (i >= 5) {
                    // from the call's start: the write's round trip is part of what a user waits for
                    up.add(seenAt.get("+" + addr) - t0);
                    down.add(seenAt.get("-" + addr) - t2);
                }
                if (t1 < t0 || t3 < t2) {
                    throw new IllegalStateException("clock went backwards");
                }
            }
            instancer.deregister(listener);
        }
        System.out.printf(Locale.ROOT, "%s: %d changes each way (from the call to the instancer's event)%n", uri, n);
        print("register  ", up);
        print("deregister", down);
    }

    private static void await(CountDownLatch latch, String what) throws InterruptedException {
        if (!latch.await(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("not seen within 30 s: " + what);
        }
    }

    private static void print(String what, List<Long> nanos) {
        List<Long> s = new ArrayList<>(nanos);
        Collections.sort(s);
        System.out.printf(Locale.ROOT, "  %s median %.1f ms  p90 %.1f ms  p99 %.1f ms  max %.1f ms%n", what,
                ms(pct(s, 50)), ms(pct(s, 90)), ms(pct(s, 99)), ms(s.get(s.size() - 1)));
    }

    private static long pct(List<Long> sorted, int p) {
        int i = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, i)));
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }
}
