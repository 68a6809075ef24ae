package io.kit4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The demo is the main job: it must run end to end and get every answer it expects. */
class DemoTest {

    @Test
    void scriptedSessionGetsEveryExpectedAnswer() throws Exception {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        int code = new Demo(new PrintStream(buf, true, StandardCharsets.UTF_8)).run();
        String out = buf.toString(StandardCharsets.UTF_8);
        assertEquals(0, code, out);
        assertTrue(out.contains("<- 200 {\"result\":\"shenyi\"}"), out);
        assertTrue(out.contains("<- 201 {\"id\":1,\"name\":\"alice\",\"email\":\"alice@example.com\",\"age\":30}"), out);
        assertTrue(out.contains("<- 409 "), out);
        assertTrue(out.contains("<- 401 {\"error\":\"no bearer token\",\"code\":\"unauthenticated\"}"), out);
        assertTrue(out.contains("<- 403 {\"error\":\"requires role admin\",\"code\":\"permission_denied\"}"), out);
        assertTrue(out.contains("method=GET event=\"get user\" uid=101"), out);
        assertTrue(out.contains("ZooKeeper lists 3 instance(s)"), out);
        assertTrue(out.contains("# instance 2 (") && out.contains("ZooKeeper lists 2 instance(s)"), out);
        assertTrue(out.contains("# instance 3 (") && out.contains("crashes"), out);
        assertTrue(out.contains(": OPEN"), "the crashed instance's breaker is shown open: " + out);
        assertTrue(out.contains("the API gateway listens at http://127.0.0.1:"), out);
        assertTrue(out.contains("<- 404 {\"error\":\"no route matches GET /nowhere\",\"code\":\"not_found\"}"), out);
        assertEquals(9, out.split("gateway GET /api/user/101 -> 200 ", -1).length - 1,
                "every call through the gateway answered while instances left: " + out);
        assertTrue(out.contains("\"source\":\"registry\""), "the gateway's admin view is shown: " + out);
        assertTrue(out.contains("demo finished: every answer was as expected"), out);
    }
}
