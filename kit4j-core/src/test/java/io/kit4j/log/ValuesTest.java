package io.kit4j.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kit4j.time.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ValuesTest {
    private final Captured sink = new Captured();

    static Stream<Arguments> timestamps() {
        return Stream.of(
                Arguments.of(Duration.ZERO, "2009-11-10T23:00:00Z"),
                Arguments.of(Duration.ofMillis(123), "2009-11-10T23:00:00.123Z"),
                Arguments.of(Duration.ofMillis(100), "2009-11-10T23:00:00.1Z"),
                Arguments.of(Duration.ofNanos(123_456_000), "2009-11-10T23:00:00.123456Z"),
                Arguments.of(Duration.ofNanos(123_456_789), "2009-11-10T23:00:00.123456789Z"),
                Arguments.of(Duration.ofNanos(1), "2009-11-10T23:00:00.000000001Z"),
                Arguments.of(Duration.ofHours(1).plusNanos(10), "2009-11-11T00:00:00.00000001Z"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("timestamps")
    void timestampUsesRfc3339Nano(Duration sinceStart, String expected) {
        ManualClock clock = new ManualClock();
        Valuer ts = Values.timestamp(clock);
        clock.advance(sinceStart);
        assertEquals(expected, ts.value().toString());
    }

    @Test
    void everyFractionIsWrittenWithoutTrailingZeros() {
        java.util.SplittableRandom random = new java.util.SplittableRandom(7);
        ManualClock clock = new ManualClock(Instant.parse("2026-01-15T12:00:00Z"));
        Valuer ts = Values.timestamp(clock);
        for (int i = 0; i < 20_000; i++) {
            int nanos = switch (i % 4) { // all nine digits, and fractions with trailing zeros of each length
                case 0 -> random.nextInt(1_000_000_000);
                case 1 -> random.nextInt(1, 1000) * 1_000_000;
                case 2 -> random.nextInt(1, 1_000_000) * 1000;
                default -> random.nextInt(1, 10) * (int) Math.pow(10, random.nextInt(9));
            };
            clock.set(Instant.parse("2026-01-15T12:00:00Z").plusNanos(nanos));
            String digits = String.format("%09d", nanos).replaceAll("0+$", "");
            assertEquals("2026-01-15T12:00:00." + digits + "Z", ts.value().toString(), "nanos " + nanos);
        }
    }

    @Test
    void timestampIsTakenPerEvent() {
        ManualClock clock = new ManualClock();
        Logger logger = sink.with("ts", Values.timestamp(clock));
        logger.log();
        assertEquals("2009-11-10T23:00:00Z", String.valueOf(sink.lastValue("ts")));
        clock.advance(Duration.ofMillis(1500));
        logger.log();
        assertEquals("2009-11-10T23:00:01.5Z", String.valueOf(sink.lastValue("ts")));
    }

    @Test
    void timestampWithOffsets() {
        ManualClock clock = new ManualClock(Instant.parse("2026-01-15T12:00:00.25Z"));
        assertEquals("2026-01-15T17:30:00.25+05:30", Values.timestamp(clock, ZoneOffset.ofHoursMinutes(5, 30)).value().toString());
        assertEquals("2026-01-15T05:00:00.25-07:00", Values.timestamp(clock, ZoneOffset.ofHours(-7)).value().toString());
        assertEquals("2026-01-15T13:00:00.25+01:00", Values.timestamp(clock, ZoneId.of("Europe/Paris")).value().toString());
        clock.set(Instant.parse("2026-07-15T12:00:00Z"));
        assertEquals("2026-07-15T14:00:00+02:00", Values.timestamp(clock, ZoneId.of("Europe/Paris")).value().toString());
        assertEquals("2026-07-15T12:00:00Z", Values.timestamp(clock, ZoneId.of("UTC")).value().toString());
    }

    @Test
    void oneValuerFollowsTheSecondsAndTheOffsetAcrossADaylightSavingChange() {
        ManualClock clock = new ManualClock(Instant.parse("2026-03-29T00:59:59.5Z"));
        Valuer paris = Values.timestamp(clock, ZoneId.of("Europe/Paris"));
        assertEquals("2026-03-29T01:59:59.5+01:00", paris.value().toString());
        clock.advance(Duration.ofMillis(250));
        assertEquals("2026-03-29T01:59:59.75+01:00", paris.value().toString());
        clock.advance(Duration.ofMillis(250));
        assertEquals("2026-03-29T03:00:00+02:00", paris.value().toString());
        clock.advance(Duration.ofNanos(7));
        assertEquals("2026-03-29T03:00:00.000000007+02:00", paris.value().toString());
        clock.set(Instant.parse("2026-03-29T00:59:59.5Z"));
        assertEquals("2026-03-29T01:59:59.5+01:00", paris.value().toString(), "back to an earlier second");
    }

    @Test
    void timestampValuesHoldTheInstantAndEveryEncoderWritesTheirText() {
        ManualClock clock = new ManualClock(Instant.parse("2026-01-15T12:00:00.25Z"));
        Object v = Values.timestamp(clock, ZoneOffset.ofHours(2)).value();
        Timestamp ts = assertInstanceOf(Timestamp.class, v);
        assertEquals(Instant.parse("2026-01-15T12:00:00.25Z"), ts.instant());
        assertEquals(ZoneOffset.ofHours(2), ts.zone());
        assertEquals("ts=2026-01-15T14:00:00.25+02:00", Logfmt.marshal("ts", v));
        java.io.ByteArrayOutputStream json = new java.io.ByteArrayOutputStream();
        Logger.json(json).log("ts", v);
        assertEquals("{\"ts\":\"2026-01-15T14:00:00.25+02:00\"}\n", json.toString(java.nio.charset.StandardCharsets.UTF_8));
    }

    @Test
    void timestampPadsSmallYears() {
        ManualClock clock = new ManualClock(Instant.parse("0099-02-03T04:05:06Z"));
        assertEquals("0099-02-03T04:05:06Z", Values.timestamp(clock).value().toString());
    }

    @Test
    void systemTimestampsAreCurrent() {
        String utc = Values.timestampUtc().value().toString();
        assertTrue(utc.endsWith("Z"), utc);
        assertTrue(Duration.between(OffsetDateTime.parse(utc).toInstant(), Instant.now()).abs().toSeconds() < 10, utc);
        String local = Values.timestampLocal().value().toString();
        assertTrue(Duration.between(OffsetDateTime.parse(local).toInstant(), Instant.now()).abs().toSeconds() < 10, local);
    }

    @Test
    void callerIsTheLineThatLogged() {
        Logger logger = sink.with("caller", Values.caller());
        logger.log("k", "v"); int line = line();
        assertEquals("ValuesTest.java:" + line, sink.lastValue("caller"));
    }

    @Test
    void callerSeesThroughOtherLoggersOfThePackage() {
        Logger inner = sink.with("caller", Values.caller());
        Logger outer = Levels.info(Levels.filter(new SwapLogger(inner), Level.DEBUG)).with("x", 1).withSuffix("s", 2);
        outer.log("k", "v"); int line = line();
        assertEquals("ValuesTest.java:" + line, sink.lastValue("caller"));
    }

    @Test
    void callerInSuffixAndInLambdas() {
        Logger logger = sink.withSuffix("caller", Values.caller());
        Runnable r = () -> logger.log("k", "v"); int line = line();
        r.run();
        assertEquals("ValuesTest.java:" + line, sink.lastValue("caller"));
    }

    @Test
    void callerAtDepthTwoIsTheHelpersCaller() {
        Logger logger = sink.with("here", Values.caller(1), "there", Values.caller(2));
        int helperLine = helper(logger); int line = line();
        assertEquals("ValuesTest.java:" + helperLine, sink.lastValue("here"));
        assertEquals("ValuesTest.java:" + line, sink.lastValue("there"));
    }

    /** Logs, and returns the line it logged from. */
    private static int helper(Logger logger) {
        logger.log("k", "v"); return line();
    }

    @Test
    void callerEvaluatedDirectlyIsItsOwnCaller() {
        Object where = Values.caller().value(); int line = line();
        assertEquals("ValuesTest.java:" + line, where);
    }

    @Test
    void callerBeyondTheStackIsUnknown() {
        sink.with("c", Values.caller(100_000)).log();
        assertEquals("unknown:0", sink.lastValue("c"));
    }

    @Test
    void callerDepthMustBePositive() {
        assertThrows(IllegalArgumentException.class, () -> Values.caller(0));
    }

    private static int line() {
        return StackWalker.getInstance().walk(s -> s.skip(1).findFirst().orElseThrow().getLineNumber());
    }
}
