package io.kit4j.log;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ContextLoggerTest {
    private static final String M = Logger.MISSING_VALUE;

    private static Arguments row(String name, UnaryOperator<Logger> derive, Object[] call, Object... expected) {
        return Arguments.of(name, derive, call, Arrays.asList(expected));
    }

    private static Object[] call(Object... keyvals) {
        return keyvals;
    }

    static Stream<Arguments> orderings() {
        return Stream.of(
                row("with", l -> l.with("a", 1), call("c", 3), "a", 1, "c", 3),
                row("with on a contextual logger appends", l -> l.with("a", 1).with("b", 2), call("c", 3),
                        "a", 1, "b", 2, "c", 3),
                row("withPrefix goes before the prefix", l -> l.with("a", 1).withPrefix("p", 0), call("c", 3),
                        "p", 0, "a", 1, "c", 3),
                row("withPrefix twice", l -> l.withPrefix("p2", 2).withPrefix("p1", 1), call(),
                        "p1", 1, "p2", 2),
                row("withSuffix goes after the call site", l -> l.withSuffix("s", 9).with("a", 1), call("c", 3),
                        "a", 1, "c", 3, "s", 9),
                row("withSuffix appends to the suffix", l -> l.withSuffix("s1", 1).withSuffix("s2", 2), call("c", 3),
                        "c", 3, "s1", 1, "s2", 2),
                row("all three", l -> l.with("a", 1).withPrefix("p", 0).withSuffix("s", 9).with("b", 2), call("c", 3),
                        "p", 0, "a", 1, "b", 2, "c", 3, "s", 9),
                row("odd with", l -> l.with("a"), call("b", 2), "a", M, "b", 2),
                row("odd with, then more", l -> l.with("a").with("b", 2), call(), "a", M, "b", 2),
                row("odd withPrefix", l -> l.with("a", 1).withPrefix("p"), call(), "p", M, "a", 1),
                row("odd withSuffix", l -> l.withSuffix("s").withSuffix("t", 1), call("c", 3), "c", 3, "s", M, "t", 1),
                row("odd call site", l -> l.with("a", 1), call("b"), "a", 1, "b", M),
                row("odd call site before a suffix", l -> l.with("a", 1).withSuffix("s", 2), call("b"),
                        "a", 1, "b", M, "s", 2),
                row("even call site is not completed", l -> l.with("a", 1), call("b", null), "a", 1, "b", null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("orderings")
    void ordersKeyvals(String name, UnaryOperator<Logger> derive, Object[] call, List<Object> expected) {
        Captured sink = new Captured();
        derive.apply(sink).log(call);
        assertEquals(expected, sink.last());
    }

    @Test
    void plainLoggerReceivesOddEventsAsGiven() {
        Captured sink = new Captured();
        sink.log("a", 1, "b");
        assertEquals(List.of("a", 1, "b"), sink.last());
    }

    @Test
    void emptyKeyvalsReturnTheSameLogger() {
        Logger base = new Captured();
        assertSame(base, base.with());
        assertSame(base, base.withPrefix());
        assertSame(base, base.withSuffix());
        Logger context = base.with("a", 1);
        assertSame(context, context.with());
        assertSame(context, context.withPrefix());
        assertSame(context, context.withSuffix());
        assertNotSame(context, context.with("b", 2));
    }

    @Test
    void derivedLoggersLeaveTheirParentsAlone() {
        Captured sink = new Captured();
        Logger parent = sink.with("a", 1);
        Logger child = parent.with("b", 2);
        parent.withPrefix("p", 0).withSuffix("s", 9);
        parent.log();
        assertEquals(List.of("a", 1), sink.last());
        child.log();
        assertEquals(List.of("a", 1, "b", 2), sink.last());
    }

    @Test
    void neitherKeepsNorChangesTheCallersArray() {
        Object[] given = {"b", 2};
        Object[][] received = new Object[1][];
        Logger logger = ((Logger) keyvals -> received[0] = keyvals).with("a", (Valuer) () -> "bound");
        logger.log(given);
        assertArrayEquals(new Object[] {"b", 2}, given);
        assertNotSame(given, received[0]);
        assertArrayEquals(new Object[] {"a", "bound", "b", 2}, received[0]);
    }

    @Test
    void stackDepthDoesNotGrowWithNesting() {
        int[] depth = new int[1];
        Logger sink = keyvals -> depth[0] = StackWalker.getInstance().walk(s -> (int) s.count());
        sink.with("a", 1).log();
        int once = depth[0];
        sink.with("a", 1).with("b", 2).withPrefix("p", 0).withSuffix("s", 9).with("c", 3).log();
        assertEquals(once, depth[0]);
    }

    @Test
    void writesThroughTheRealEncoder() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Logger.logfmt(out).with("svc", "orders").withSuffix("v", 2).withPrefix("app", "shop").log("msg", "hi there");
        assertEquals("app=shop svc=orders msg=\"hi there\" v=2\n", out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void nopLoggerDiscardsAndStaysUsable() {
        Logger nop = Logger.nop();
        nop.log("a", 1);
        int[] evaluated = new int[1];
        nop.with("n", (Valuer) () -> ++evaluated[0]).log("b", 2);
        assertSame(nop, Logger.nop());
        assertEquals(1, evaluated[0]);
    }
}
