package io.kit4j.log;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class JsonTest {

    private static Arguments row(String name, String expected, Object... keyvals) {
        return Arguments.of(name, expected, keyvals);
    }

    private static Map<Object, Object> orderedMap(Object... keyvals) {
        Map<Object, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keyvals.length; i += 2) {
            map.put(keyvals[i], keyvals[i + 1]);
        }
        return map;
    }

    static Stream<Arguments> encodings() {
        Object throwing = new Object() {
            @Override
            public String toString() {
                throw new IllegalStateException("boom");
            }
        };
        List<Object> cyclic = new ArrayList<>(List.of(1));
        cyclic.add(cyclic);
        return Stream.of(
                row("sorted keys", "{\"a\":\"x\",\"b\":1}", "b", 1, "a", "x"),
                row("no keyvals", "{}"),
                row("last duplicate wins", "{\"a\":2}", "a", 1, "a", 2),
                row("odd count", "{\"a\":1,\"b\":\"(MISSING)\"}", "a", 1, "b"),
                row("null value", "{\"k\":null}", "k", null),
                row("null key", "{\"null\":1}", null, 1),
                row("non-string keys", "{\"42\":1,\"info\":2}", 42, 1, Level.INFO, 2),
                row("keys by code point", "{\"a\":1,\"\ue000\":2,\"\ud83d\ude00\":3}", "\ud83d\ude00", 3, "\ue000", 2, "a", 1),
                row("booleans", "{\"f\":false,\"t\":true}", "t", true, "f", false),
                row("integers", "{\"b\":7,\"i\":-1,\"l\":9007199254740993,\"s\":3}", "i", -1, "l", 9007199254740993L,
                        "s", (short) 3, "b", (byte) 7),
                row("big numbers", "{\"d\":12.50,\"i\":123456789012345678901234567890}",
                        "i", new BigInteger("123456789012345678901234567890"), "d", new BigDecimal("12.50")),
                row("whole double", "{\"k\":1}", "k", 1.0),
                row("double", "{\"k\":3.14}", "k", 3.14),
                row("1e20 is plain", "{\"k\":100000000000000000000}", "k", 1e20),
                row("1e21 uses an exponent", "{\"k\":1e+21}", "k", 1e21),
                row("1e-6 is plain", "{\"k\":0.000001}", "k", 1e-6),
                row("1e-7 uses a short exponent", "{\"k\":1e-7}", "k", 1e-7),
                row("two-digit negative exponent", "{\"k\":-1.5e-10}", "k", -1.5e-10),
                row("negative zero", "{\"k\":-0}", "k", -0.0),
                row("float", "{\"k\":0.1}", "k", 0.1f),
                row("float32 exponent threshold", "{\"k\":1e+21}", "k", 1e21f),
                row("smallest double", "{\"k\":5e-324}", "k", Double.MIN_VALUE),
                row("NaN and infinities are strings", "{\"n\":\"NaN\",\"p\":\"+Inf\",\"q\":\"-Inf\"}",
                        "n", Double.NaN, "p", Double.POSITIVE_INFINITY, "q", Float.NEGATIVE_INFINITY),
                row("escapes", "{\"k\":\"\\\"\\\\\\b\\f\\n\\r\\t\\u0001\\u001f\"}", "k", "\"\\\b\f\n\r\t\u0001\u001f"),
                row("no HTML escaping", "{\"k\":\"<a&b>\"}", "k", "<a&b>"),
                row("line and paragraph separators", "{\"k\":\"\\u2028\\u2029\"}", "k", "\u2028\u2029"),
                row("unpaired surrogates", "{\"k\":\"\\ufffd\\ufffd\"}", "k", "\udc00\ud800"),
                row("non-ASCII and DEL stay raw", "{\"k\":\"\u00e9\u4e16\ud83d\ude00\u007f\"}", "k", "\u00e9\u4e16\ud83d\ude00\u007f"),
                row("escaped key", "{\"a\\\"b\":1}", "a\"b", 1),
                row("exception", "{\"err\":\"disk full\"}", "err", new IOException("disk full")),
                row("exception without message", "{\"err\":\"IllegalStateException\"}", "err", new IllegalStateException()),
                row("level", "{\"level\":\"error\"}", "level", Level.ERROR),
                row("other objects as strings", "{\"k\":\"x\"}", "k", new StringBuilder("x")),
                row("throwing toString", "{\"k\":\"panic stringer value: java.lang.IllegalStateException: boom\"}", "k", throwing),
                row("map is a sorted object", "{\"m\":{\"a\":[1,2],\"b\":null}}", "m", orderedMap("b", null, "a", List.of(1, 2))),
                row("map keys use toString", "{\"m\":{\"1\":true}}", "m", Map.of(1, true)),
                row("set", "{\"s\":[\"x\",\"y\"]}", "s", new LinkedHashSet<>(List.of("x", "y"))),
                row("int array", "{\"a\":[1,2,3]}", "a", new int[] {1, 2, 3}),
                row("object array", "{\"a\":[\"x\",[true],null]}", "a", new Object[] {"x", new boolean[] {true}, null}),
                row("byte array is base64", "{\"b\":\"AQID\"}", "b", new byte[] {1, 2, 3}),
                row("cycle", "{\"c\":[1,\"(cycle)\"]}", "c", cyclic),
                row("repeated but not cyclic", "{\"r\":[[1],[1]]}", "r", List.of(List.of(1), List.of(1))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("encodings")
    void encodes(String name, String expected, Object[] keyvals) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Logger.json(out).log(keyvals);
        assertEquals(expected + "\n", out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void writesOneLinePerEvent() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Logger logger = Logger.json(out);
        logger.log("a", "x\ny");
        logger.log("b", 2);
        assertEquals("{\"a\":\"x\\ny\"}\n{\"b\":2}\n", out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void contextualJsonLoggerCompletesOddEvents() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Logger.json(out).with("svc", "orders").log("lonely");
        assertEquals("{\"lonely\":\"(MISSING)\",\"svc\":\"orders\"}\n", out.toString(StandardCharsets.UTF_8));
    }
}
