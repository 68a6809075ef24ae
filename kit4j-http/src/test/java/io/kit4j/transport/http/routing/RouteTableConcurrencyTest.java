package io.kit4j.transport.http.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class RouteTableConcurrencyTest {

    @Test
    void manyThreadsMatchConsistently() throws Exception {
        RouteTable<String> table = new RouteTable<String>()
                .add("GET", "/users/{id}", "user")
                .add("GET", "/users/me/settings", "settings")
                .add("GET", "/users/{id}/posts", "posts")
                .add("GET", "/static/{path:.*}", "static")
                .add("POST", "/users", "create");
        int threads = 16;
        int rounds = 5_000;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                results.add(pool.submit(() -> {
                    start.await();
                    int checked = 0;
                    for (int i = 0; i < rounds; i++) {
                        String id = thread + "-" + i;
                        RouteMatch<String> user = table.match("GET", "/users/" + id);
                        assertEquals("user", user.handler());
                        assertEquals(Map.of("id", id), user.variables());
                        RouteMatch<String> posts = table.match("GET", "/users/me/posts");
                        assertEquals(Map.of("id", "me"), posts.variables());
                        assertEquals("settings", table.match("GET", "/users/me/settings").handler());
                        assertEquals(Map.of("path", "a/" + id), table.match("GET", "/static/a%2F" + id).variables());
                        assertEquals("POST", table.match("DELETE", "/users").allowHeader());
                        checked += 5;
                    }
                    return checked;
                }));
            }
            start.countDown();
            for (Future<Integer> f : results) {
                assertEquals(rounds * 5, f.get(60, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void addingWhileMatchingNeverLosesExistingRoutes() throws Exception {
        RouteTable<Integer> table = new RouteTable<Integer>().add("GET", "/stable/{id}", -1);
        AtomicBoolean done = new AtomicBoolean();
        ExecutorService pool = Executors.newFixedThreadPool(5);
        try {
            List<Future<Integer>> readers = new ArrayList<>();
            for (int r = 0; r < 4; r++) {
                readers.add(pool.submit(() -> {
                    int n = 0;
                    while (!done.get()) {
                        assertEquals(-1, table.match("GET", "/stable/x").handler());
                        n++;
                    }
                    return n;
                }));
            }
            Future<?> writer = pool.submit(() -> {
                for (int i = 0; i < 300; i++) {
                    table.add("GET", "/added/" + i, i);
                    assertEquals(i, table.match("GET", "/added/" + i).handler());
                }
                done.set(true);
                return null;
            });
            writer.get(60, TimeUnit.SECONDS);
            for (Future<Integer> f : readers) {
                assertTrue(f.get(60, TimeUnit.SECONDS) > 0);
            }
            assertEquals(301, table.size());
            for (int i = 0; i < 300; i++) {
                assertEquals(i, table.match("GET", "/added/" + i).handler());
            }
        } finally {
            done.set(true);
            pool.shutdownNow();
        }
    }
}
