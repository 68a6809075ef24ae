package io.kit4j.transport.http.routing;

import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

/** Matching a literal-only route allocates nothing: no split, no substrings, a cached result. */
class RouteTableAllocationTest {

    @Test
    void literalRoutesMatchWithoutAllocating() {
        assumeTrue(ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean);
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        assumeTrue(threads.isThreadAllocatedMemorySupported() && threads.isThreadAllocatedMemoryEnabled());

        RouteTable<String> table = new RouteTable<String>()
                .add("GET", "/users/{id}", "user")
                .add("GET", "/users/{id}/posts", "posts")
                .add("GET", "/user/{uid:\\d+}", "uid")
                .add("GET", "/api/v1/users/me/settings", "settings")
                .add("GET", "/static/{path:.*}", "static");
        String path = "/api/v1/users/me/settings";
        RouteMatch<String> expected = table.match("GET", path);
        for (int i = 0; i < 20_000; i++) {
            assertSame(expected, table.match("GET", path));
        }

        int rounds = 100_000;
        long thread = Thread.currentThread().threadId();
        long before = threads.getThreadAllocatedBytes(thread);
        RouteMatch<String> last = null;
        for (int i = 0; i < rounds; i++) {
            last = table.match("GET", path);
        }
        long allocated = threads.getThreadAllocatedBytes(thread) - before;
        assertSame(expected, last);
        // One substring per match would already be ~24 bytes each; allow a little noise for the probe itself.
        assertTrue(allocated < rounds / 10, allocated + " bytes allocated by " + rounds + " matches");
    }
}
