package io.kit4j.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class LevelsTest {
    private final Captured sink = new Captured();

    static Stream<Arguments> filterTable() {
        List<Arguments> rows = new ArrayList<>();
        for (Level minimum : Level.values()) {
            for (Level event : Level.values()) {
                rows.add(Arguments.of(minimum, event, event.ordinal() >= minimum.ordinal()));
            }
        }
        return rows.stream();
    }

    @ParameterizedTest(name = "minimum {0}, event {1}: passes={2}")
    @MethodSource("filterTable")
    void filterPassesTheMinimumAndAbove(Level minimum, Level event, boolean passes) {
        Levels.filter(sink, minimum).log(Level.KEY, event, "msg", "m");
        assertEquals(passes ? 1 : 0, sink.events.size());
    }

    static Stream<Arguments> helpers() {
        return Stream.of(
                Arguments.of((Function<Logger, Logger>) Levels::debug, Level.DEBUG),
                Arguments.of((Function<Logger, Logger>) Levels::info, Level.INFO),
                Arguments.of((Function<Logger, Logger>) Levels::warn, Level.WARN),
                Arguments.of((Function<Logger, Logger>) Levels::error, Level.ERROR));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("helpers")
    void helpersPrefixTheLevel(Function<Logger, Logger> helper, Level level) {
        helper.apply(sink.with("a", 1)).log("msg", "m");
        assertEquals(List.of("level", level, "a", 1, "msg", "m"), sink.last());
    }

    @Test
    void allowAllAndAllowNone() {
        Logger all = Levels.allowAll(sink);
        for (Level level : Level.values()) {
            all.log("level", level);
        }
        assertEquals(4, sink.events.size());
        Logger none = Levels.allowNone(sink);
        for (Level level : Level.values()) {
            none.log("level", level);
        }
        assertEquals(4, sink.events.size());
        none.log("msg", "no level");
        assertEquals(5, sink.events.size());
    }

    @Test
    void eventsWithoutLevelPassUnlessSquelched() {
        LevelFilter filter = Levels.filter(sink, Level.ERROR);
        filter.log("msg", "plain");
        assertEquals(1, sink.events.size());
        filter.squelchNoLevel(true).log("msg", "plain");
        assertEquals(1, sink.events.size());
        filter.squelchNoLevel(true).log("level", Level.ERROR);
        assertEquals(2, sink.events.size());
        filter.squelchNoLevel(true).squelchNoLevel(false).log("msg", "plain");
        assertEquals(3, sink.events.size());
    }

    @Test
    void filterUsesTheFirstLevelValue() {
        Logger filter = Levels.filter(sink, Level.INFO);
        filter.log("level", Level.DEBUG, "other", Level.ERROR);
        assertEquals(0, sink.events.size());
        filter.log("other", Level.ERROR, "level", Level.DEBUG);
        assertEquals(1, sink.events.size());
    }

    @Test
    void filterLooksOnlyAtLevelValues() {
        Logger filter = Levels.allowNone(sink).squelchNoLevel(false);
        filter.log(Level.ERROR, "level in key position");
        filter.log("level", "error");
        assertEquals(2, sink.events.size());
    }

    @Test
    void filterBehindLevelledLoggers() {
        Logger base = Levels.filter(sink, Level.WARN);
        Levels.info(base).log("msg", "dropped");
        Levels.warn(base).log("msg", "kept");
        Levels.error(base.with("a", 1)).log("msg", "kept too");
        assertEquals(List.of(List.of("level", Level.WARN, "msg", "kept"),
                List.of("level", Level.ERROR, "a", 1, "msg", "kept too")), sink.events);
    }

    @Test
    void levelsPrintInLowerCase() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Levels.warn(Logger.logfmt(out)).log("msg", "m");
        Levels.debug(Logger.json(out)).log("msg", "m");
        assertEquals("level=warn msg=m\n{\"level\":\"debug\",\"msg\":\"m\"}\n", out.toString(StandardCharsets.UTF_8));
        assertEquals("level", Level.KEY);
        assertEquals(List.of("debug", "info", "warn", "error"), Stream.of(Level.values()).map(Level::toString).toList());
    }

    @ParameterizedTest(name = "\"{0}\" -> {1}")
    @CsvSource(delimiter = '|', value = {
        "debug|DEBUG", "DEBUG|DEBUG", "Info|INFO", "'  warn '|WARN", "'error\n'|ERROR", "'\terror'|ERROR"})
    void parsesLevelNames(String text, Level expected) {
        assertSame(expected, Level.parse(text));
        assertSame(expected, Level.parse(text, Level.INFO));
    }

    @ParameterizedTest(name = "\"{0}\"")
    @CsvSource(delimiter = '|', nullValues = "NULL", value = {"''", "fatal", "warning", "trace", "in fo", "NULL"})
    void rejectsOtherNames(String text) {
        assertThrows(IllegalArgumentException.class, () -> Level.parse(text));
        assertSame(Level.WARN, Level.parse(text, Level.WARN));
        assertEquals(null, Level.parse(text, null));
    }

    @Test
    void injectorAddsADefaultLevelInFront() {
        Logger injected = Levels.inject(sink, Level.INFO);
        injected.log("msg", "m");
        assertEquals(List.of("level", Level.INFO, "msg", "m"), sink.last());
        injected.log("msg", "m", "level", Level.ERROR);
        assertEquals(List.of("msg", "m", "level", Level.ERROR), sink.last());
        injected.log();
        assertEquals(List.of("level", Level.INFO), sink.last());
    }

    @Test
    void injectorFeedsAFilter() {
        Logger logger = Levels.inject(Levels.filter(sink, Level.WARN), Level.DEBUG);
        logger.log("msg", "defaults to debug");
        Levels.error(logger).log("msg", "error");
        assertEquals(List.of(List.of("level", Level.ERROR, "msg", "error")), sink.events);
    }
}
