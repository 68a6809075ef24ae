package io.kit4j.log.slf4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import io.kit4j.log.Levels;
import io.kit4j.log.Logger;
import io.kit4j.log.Valuer;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.slf4j.LoggerFactory;
import org.slf4j.event.KeyValuePair;

class Slf4jLoggerTest {
    private ch.qos.logback.classic.Logger backend;
    private ListAppender<ILoggingEvent> appender;

    @BeforeEach
    void attachAppender(TestInfo test) {
        backend = (ch.qos.logback.classic.Logger) LoggerFactory.getLogger("kit4j.test." + test.getDisplayName());
        backend.setAdditive(false);
        backend.setLevel(Level.DEBUG);
        appender = new ListAppender<>() {
            @Override
            protected void append(ILoggingEvent event) {
                event.getCallerData();
                super.append(event);
            }
        };
        appender.setContext(backend.getLoggerContext());
        appender.start();
        backend.addAppender(appender);
    }

    private ILoggingEvent only() {
        assertEquals(1, appender.list.size(), () -> "events: " + appender.list);
        return appender.list.getFirst();
    }

    private static List<String> pairs(ILoggingEvent event) {
        List<KeyValuePair> kvps = event.getKeyValuePairs();
        return kvps == null ? List.of() : kvps.stream().map(p -> p.key + "=" + p.value).toList();
    }

    static Stream<Arguments> levels() {
        return Stream.of(
                Arguments.of(io.kit4j.log.Level.DEBUG, Level.DEBUG),
                Arguments.of(io.kit4j.log.Level.INFO, Level.INFO),
                Arguments.of(io.kit4j.log.Level.WARN, Level.WARN),
                Arguments.of(io.kit4j.log.Level.ERROR, Level.ERROR),
                Arguments.of("debug", Level.DEBUG),
                Arguments.of("WARN", Level.WARN),
                Arguments.of(" error ", Level.ERROR),
                Arguments.of(org.slf4j.event.Level.TRACE, Level.TRACE));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("levels")
    void levelValueChoosesTheLevel(Object value, Level expected) {
        backend.setLevel(Level.TRACE);
        new Slf4jLogger(backend).log("msg", "m", "level", value, "k", 1);
        ILoggingEvent event = only();
        assertEquals(expected, event.getLevel());
        assertEquals(List.of("k=1"), pairs(event));
    }

    @Test
    void defaultLevelIsInfoOrAsConfigured() {
        new Slf4jLogger(backend).log("msg", "plain");
        new Slf4jLogger(backend, io.kit4j.log.Level.WARN).log("msg", "plain");
        assertEquals(List.of(Level.INFO, Level.WARN), appender.list.stream().map(ILoggingEvent::getLevel).toList());
    }

    @Test
    void unknownLevelStringIsKeptAsAPair() {
        new Slf4jLogger(backend).log("level", "fatal", "msg", "m");
        ILoggingEvent event = only();
        assertEquals(Level.INFO, event.getLevel());
        assertEquals(List.of("level=fatal"), pairs(event));
    }

    @Test
    void firstUsableLevelWins() {
        new Slf4jLogger(backend).log("level", "error", "level", "debug");
        ILoggingEvent event = only();
        assertEquals(Level.ERROR, event.getLevel());
        assertEquals(List.of("level=debug"), pairs(event));
    }

    @Test
    void msgBecomesTheMessageAndOtherPairsKeyValues() {
        new Slf4jLogger(backend).log("svc", "orders", "msg", "order placed", "id", 42, "ok", true, "none", null);
        ILoggingEvent event = only();
        assertEquals("order placed", event.getFormattedMessage());
        assertEquals(List.of("svc=orders", "id=42", "ok=true", "none=null"), pairs(event));
        assertSame(Integer.valueOf(42), event.getKeyValuePairs().get(1).value);
    }

    @Test
    void messageKeyWorksToo() {
        new Slf4jLogger(backend).log("message", "hello", "msg", "second");
        ILoggingEvent event = only();
        assertEquals("hello", event.getFormattedMessage());
        assertEquals(List.of("msg=second"), pairs(event));
    }

    @Test
    void withoutMsgTheMessageIsTheLogfmtOfTheOtherPairs() {
        new Slf4jLogger(backend).log("level", "warn", "path", "/a b", "took", 1.5);
        ILoggingEvent event = only();
        assertEquals("path=\"/a b\" took=1.5", event.getFormattedMessage());
        assertEquals(List.of("path=/a b", "took=1.5"), pairs(event));
    }

    @Test
    void errorThrowableIsAlsoTheCause() {
        IOException failure = new IOException("disk full");
        new Slf4jLogger(backend).log("msg", "write failed", "err", failure, "other", new IllegalStateException("x"));
        ILoggingEvent event = only();
        assertEquals(List.of("err=disk full", "other=x"), pairs(event));
        assertSame(failure, ((ThrowableProxy) event.getThrowableProxy()).getThrowable());
    }

    @Test
    void errorKeyCountsAsWellButNonThrowablesAreNoCause() {
        IllegalStateException failure = new IllegalStateException();
        new Slf4jLogger(backend).log("err", "just text", "error", failure);
        ILoggingEvent event = only();
        assertSame(failure, ((ThrowableProxy) event.getThrowableProxy()).getThrowable());
        assertEquals(List.of("err=just text", "error=IllegalStateException"), pairs(event));
    }

    @Test
    void noThrowableNoCause() {
        new Slf4jLogger(backend).log("msg", "fine");
        assertNull(only().getThrowableProxy());
    }

    @Test
    void oddEventGetsMissingValue() {
        new Slf4jLogger(backend).log("msg", "m", "dangling");
        assertEquals(List.of("dangling=" + Logger.MISSING_VALUE), pairs(only()));
    }

    @Test
    void disabledLevelsAreDropped() {
        backend.setLevel(Level.WARN);
        AtomicInteger rendered = new AtomicInteger();
        Object expensive = new Object() {
            @Override
            public String toString() {
                rendered.incrementAndGet();
                return "x";
            }
        };
        Slf4jLogger logger = new Slf4jLogger(backend);
        logger.log("level", "info", "v", expensive);
        logger.log("level", "debug", "v", expensive);
        assertEquals(0, appender.list.size());
        assertEquals(0, rendered.get());
    }

    @Test
    void worksBehindContextualAndLevelledLoggers() {
        AtomicInteger n = new AtomicInteger();
        Logger logger = new Slf4jLogger(backend).with("svc", "orders", "n", (Valuer) n::incrementAndGet);
        Levels.error(logger).log("msg", "first");
        Levels.debug(logger).log("msg", "second");
        assertEquals(List.of(Level.ERROR, Level.DEBUG), appender.list.stream().map(ILoggingEvent::getLevel).toList());
        assertEquals(List.of("svc=orders", "n=2"), pairs(appender.list.get(1)));
        assertEquals("second", appender.list.get(1).getFormattedMessage());
    }

    @Test
    void callerDataPointsAtTheCodeThatLogged() {
        new Slf4jLogger(backend).log("msg", "here");
        StackTraceElement[] caller = only().getCallerData();
        assertTrue(caller.length > 0);
        assertEquals("Slf4jLoggerTest.java", caller[0].getFileName());
        assertEquals("callerDataPointsAtTheCodeThatLogged", caller[0].getMethodName());
    }
}
