package io.kit4j.examples;

import io.kit4j.log.Level;
import io.kit4j.log.Levels;
import io.kit4j.log.Logger;
import io.kit4j.log.Values;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import picocli.CommandLine.Option;

/** The logging flags every runnable shares: format, level and destination. */
final class LogOptions {
    @Option(names = "--log-format", description = "logfmt or json (default: ${DEFAULT-VALUE})", defaultValue = "logfmt")
    String format;

    @Option(names = "--log-level", description = "debug, info, warn or error (default: ${DEFAULT-VALUE})", defaultValue = "info")
    String level;

    @Option(names = "--log", description = "log file (default: standard output)")
    String file;

    /** The base logger: ts (UTC, RFC 3339 with nanoseconds) and caller on every event, filtered by level. */
    Logger logger() {
        OutputStream out = System.out;
        if (file != null) {
            try {
                out = new FileOutputStream(file, true);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        Logger base = "json".equalsIgnoreCase(format) ? Logger.json(out) : Logger.logfmt(out);
        base = Levels.filter(base, Level.parse(level));
        return base.with("ts", Values.timestampUtc(), "caller", Values.caller());
    }
}
