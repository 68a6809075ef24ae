package io.kit4j.examples;

import io.kit4j.log.AsyncOutputStream;
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

    @Option(names = "--log-caller", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "add caller=File.java:line to every event (default: ${DEFAULT-VALUE}; costs a stack walk, ~3 us)")
    boolean caller;

    private AsyncOutputStream output;

    /**
     * The base logger: ts (UTC, RFC 3339 with nanoseconds) and caller on every event, filtered by level,
     * written by a background writer so request threads never block on the file; {@link #close()} it.
     */
    Logger logger() {
        OutputStream out = System.out;
        if (file != null) {
            try {
                out = new FileOutputStream(file, true);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        output = new AsyncOutputStream(out);
        out = output;
        Logger base = "json".equalsIgnoreCase(format) ? Logger.json(out) : Logger.logfmt(out);
        base = Levels.filter(base, Level.parse(level));
        return caller ? base.with("ts", Values.timestampUtc(), "caller", Values.caller())
                : base.with("ts", Values.timestampUtc());
    }

    /** Writes what is queued and closes the destination. */
    void close() {
        if (output != null) {
            try {
                output.close();
            } catch (IOException e) {
                System.err.println("kit4j: could not write the log: " + e.getMessage());
            }
        }
    }
}
