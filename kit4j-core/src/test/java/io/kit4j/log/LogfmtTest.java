package io.kit4j.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class LogfmtTest {

    private static final Object THROWING = new Object() {
        @Override
        public String toString() {
            throw new IllegalStateException("boom");
        }
    };

    private static final Object NULL_STRING = new Object() {
        @Override
        public String toString() {
            return null;
        }
    };

    private static Arguments row(String name, String expected, Object... keyvals) {
        return Arguments.of(name, expected, keyvals);
    }

    static Stream<Arguments> encodings() {
        return Stream.of(
                row("pairs", "a=1 b=c", "a", 1, "b", "c"),
                row("no keyvals", ""),
                row("null value", "k=null", "k", null),
                row("the string null is quoted", "k=\"null\"", "k", "null"),
                row("toString giving null", "k=null", "k", NULL_STRING),
                row("empty string", "k=", "k", ""),
                row("space", "k=\"a b\"", "k", "a b"),
                row("equals sign", "k=\"a=b\"", "k", "a=b"),
                row("double quote", "k=\"a\\\"b\"", "k", "a\"b"),
                row("lone backslash stays raw", "k=a\\b", "k", "a\\b"),
                row("backslash in quotes is escaped", "k=\"a\\\\ b\"", "k", "a\\ b"),
                row("newline, return, tab", "k=\"a\\nb\\rc\\td\"", "k", "a\nb\rc\td"),
                row("other control characters", "k=\"\\u0001\\u001f\"", "k", "\u0001\u001f"),
                row("DEL is quoted, not escaped", "k=\"a\u007fb\"", "k", "a\u007fb"),
                row("non-ASCII stays raw", "k=h\u00e9llo\u4e16\ud83d\ude00", "k", "h\u00e9llo\u4e16\ud83d\ude00"),
                row("non-ASCII with space", "k=\"\u4e16 \u754c\"", "k", "\u4e16 \u754c"),
                row("U+FFFD is quoted, not escaped", "k=\"\ufffd\"", "k", "\ufffd"),
                row("unpaired high surrogate", "k=\"a\\ufffdb\"", "k", "a\ud800b"),
                row("unpaired low surrogate", "k=\"\\ufffd\"", "k", "\udc00"),
                row("odd count gets null", "a=1 b=null", "a", 1, "b"),
                row("missing value marker", "k=(MISSING)", "k", Logger.MISSING_VALUE),
                row("bad key characters removed", "abc=1", "a b=\"c\u007f\t", 1),
                row("key keeps non-ASCII", "k\ud83d\ude00\u00e9=1", "k\ud83d\ude00\u00e9", 1),
                row("key drops unpaired surrogates and U+FFFD", "k=1", "k\ud800\ufffd", 1),
                row("non-string key", "42=x", 42, "x"),
                row("level key", "info=x", Level.INFO, "x"),
                row("exception", "err=\"disk full\"", "err", new IOException("disk full")),
                row("exception without message", "err=IllegalStateException", "err", new IllegalStateException()),
                row("exception saying null", "err=\"null\"", "err", new RuntimeException("null")),
                row("throwing toString", "k=\"PANIC:java.lang.IllegalStateException: boom\"", "k", THROWING),
                row("booleans and integers", "t=true f=false n=-7 l=9007199254740993", "t", true, "f", false, "n", -7,
                        "l", 9007199254740993L),
                row("level", "level=warn", "level", Level.WARN),
                row("whole double", "k=1", "k", 1.0),
                row("double", "k=3.14", "k", 3.14),
                row("six-digit double", "k=123456", "k", 123456.0),
                row("seven-digit double uses an exponent", "k=1.234567e+06", "k", 1234567.0),
                row("million", "k=1e+06", "k", 1e6),
                row("small double", "k=0.0001", "k", 0.0001),
                row("smaller double uses an exponent", "k=1e-05", "k", 0.00001),
                row("large exponent", "k=1.5e+300", "k", 1.5e300),
                row("negative zero", "k=-0", "k", -0.0),
                row("NaN", "k=NaN", "k", Double.NaN),
                row("infinities", "p=+Inf n=-Inf", "p", Double.POSITIVE_INFINITY, "n", Double.NEGATIVE_INFINITY),
                row("float keeps float precision", "k=0.1", "k", 0.1f),
                row("sum with rounding error", "k=0.30000000000000004", "k", 0.1 + 0.2),
                row("smallest double keeps one digit", "k=5e-324", "k", Double.MIN_VALUE),
                row("smallest float keeps one digit", "k=1e-45", "k", Float.MIN_VALUE),
                row("largest double", "k=1.7976931348623157e+308", "k", Double.MAX_VALUE),
                row("two digits that are shortest", "k=1.5e-323", "k", 1.5e-323),
                row("BigDecimal", "k=12.50", "k", new BigDecimal("12.50")),
                row("bytes are text", "k=\"hi there\"", "k", "hi there".getBytes(StandardCharsets.UTF_8)),
                row("int array", "k=\"[1, 2, 3]\"", "k", new int[] {1, 2, 3}),
                row("nested object array", "k=\"[a, [b]]\"", "k", new Object[] {"a", new String[] {"b"}}),
                row("list", "k=\"[1, 2]\"", "k", List.of(1, 2)),
                row("map", "k=\"{a=1}\"", "k", Map.of("a", 1)),
                row("character", "k=x", "k", 'x'),
                row("integer extremes", "a=-9223372036854775808 b=9223372036854775807 c=0 d=-1 e=7",
                        "a", Long.MIN_VALUE, "b", Long.MAX_VALUE, "c", 0, "d", (short) -1, "e", (byte) 7),
                row("a line far longer than its first buffer", "k=\"" + "\u00e9 \ud83d\ude00".repeat(3000) + "\"",
                        "k", "\u00e9 \ud83d\ude00".repeat(3000)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("encodings")
    void encodes(String name, String expected, Object[] keyvals) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Logger.logfmt(out).log(keyvals);
        assertEquals(expected + "\n", out.toString(StandardCharsets.UTF_8));
        assertEquals(expected, Logfmt.marshal(keyvals));
    }

    static Stream<Arguments> droppedEvents() {
        return Stream.of(
                row("null key", "nil key", null, 1),
                row("null key later in the event", "nil key", "a", 1, null, 2),
                row("key made only of removed characters", "invalid key", " =\"\u007f", 1),
                row("empty key", "invalid key", "", 1),
                row("key with a throwing toString", "nil key", THROWING, 1),
                row("key whose toString is null", "nil key", NULL_STRING, 1));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("droppedEvents")
    void dropsEventsWithBadKeys(String name, String error, Object[] keyvals) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Logger.logfmt(out).log(keyvals);
        assertEquals(0, out.size());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Logfmt.marshal(keyvals));
        assertEquals(error, e.getMessage());
    }

    @Test
    void writesUtf8() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Logger.logfmt(out).log("k", "\u00e9");
        assertEquals(List.of((byte) 'k', (byte) '=', (byte) 0xc3, (byte) 0xa9, (byte) '\n'), bytes(out.toByteArray()));
    }

    @Test
    void eachEventIsOneLine() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Logger logger = Logger.logfmt(out);
        logger.log("a", 1);
        logger.log();
        logger.log("b", "x\ny");
        assertEquals("a=1\n\nb=\"x\\ny\"\n", out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void marshalAcceptsNullArray() {
        assertEquals("", Logfmt.marshal((Object[]) null));
    }

    private static List<Byte> bytes(byte[] array) {
        Byte[] boxed = new Byte[array.length];
        for (int i = 0; i < array.length; i++) {
            boxed[i] = array[i];
        }
        return List.of(boxed);
    }
}
