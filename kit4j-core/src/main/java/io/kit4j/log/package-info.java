/**
 * Structured logging after go-kit's {@code log} package: an event is a list of alternating keys and
 * values, handed to a {@link io.kit4j.log.Logger} that writes it somewhere. JDK only.
 *
 * <pre>{@code
 * Logger logger = Logger.logfmt(System.out)
 *         .with("ts", Values.timestampUtc(), "caller", Values.caller());
 * logger = Levels.filter(logger, Level.INFO);
 * Levels.info(logger).log("msg", "listening", "addr", ":8080");
 * // ts=2026-11-21T20:04:47.123456Z caller=Main.java:14 level=info msg=listening addr=:8080
 * }</pre>
 *
 * <ul>
 *   <li>{@link io.kit4j.log.Logger#logfmt} and {@link io.kit4j.log.Logger#json} write one line per event;
 *       {@link io.kit4j.log.Logger#nop()} discards; {@link io.kit4j.log.SwapLogger} can be redirected
 *       at run time.</li>
 *   <li>{@link io.kit4j.log.Logger#with}, {@link io.kit4j.log.Logger#withPrefix} and
 *       {@link io.kit4j.log.Logger#withSuffix} give contextual loggers; a {@link io.kit4j.log.Valuer}
 *       among their values, such as those of {@link io.kit4j.log.Values}, is evaluated per event.</li>
 *   <li>{@link io.kit4j.log.Levels} and {@link io.kit4j.log.Level} give levelled logging and filtering.</li>
 * </ul>
 *
 * <p>Behaviour follows go-kit/log v0.2.1 and go-logfmt, including Go's formatting of floating-point
 * numbers and its ordering of JSON keys. Deliberate deviations, where Java calls for them:
 * <ol>
 *   <li>{@code log} returns nothing where go-kit returns an error. The logfmt logger drops an event
 *       with a nil key ({@code null}, or whose {@code toString()} throws or gives {@code null}) or a
 *       key left empty by the removal of forbidden characters, writing nothing, as go-kit does before
 *       returning {@code ErrNilKey} or {@code ErrInvalidKey}; {@link io.kit4j.log.Logfmt#marshal}
 *       throws {@link java.lang.IllegalArgumentException} instead. A failing stream throws
 *       {@link java.io.UncheckedIOException}. The level filter has no {@code ErrNotAllowed} or
 *       {@code ErrNoLevel} options.</li>
 *   <li>The stream loggers lock around their single write, and flush after it, instead of requiring
 *       a writer that is safe for concurrent use. Loggers that share a stream which is not
 *       thread-safe should be one logger.</li>
 *   <li>A {@link io.kit4j.log.Valuer} takes no context argument, and
 *       {@link io.kit4j.log.Logger#MISSING_VALUE} is the string {@code (MISSING)} rather than an
 *       error value; both print the same.</li>
 *   <li>Every Java object has {@code toString()}, so logfmt never writes Go's
 *       {@code "unsupported value type"}: collections, maps and records are written as their
 *       {@code toString()}, arrays element by element, {@code byte[]} as UTF-8 text and a
 *       {@code char} as the character (Go prints a rune as a number). Keys are converted the same way,
 *       where Go skips a pair whose key is a map, slice or struct.</li>
 *   <li>A {@link java.lang.Throwable} stands for a Go {@code error}: it is written as its message, or
 *       as its simple class name when the message is {@code null}. A {@code toString()} or
 *       {@code getMessage()} that throws stands for a panicking {@code String()} or {@code Error()}:
 *       logfmt writes {@code PANIC:<exception>}, JSON {@code panic stringer value: <exception>} or
 *       {@code panic error value: <exception>}; a {@code toString()} that gives {@code null} is
 *       written as null, like Go's nil pointer.</li>
 *   <li>JSON: NaN and infinities are written as the strings {@code "NaN"}, {@code "+Inf"} and
 *       {@code "-Inf"} and a container that contains itself as {@code "(cycle)"}, where Go's
 *       {@code encoding/json} fails the whole event; a {@code null} key is {@code "null"} (Go:
 *       {@code "<nil>"}); objects other than maps, iterables, arrays, booleans, the JDK's integral
 *       and decimal numbers, {@code double}, {@code float} and throwables are written as the string
 *       of their {@code toString()}, where Go would marshal a struct's fields.</li>
 *   <li>{@link io.kit4j.log.Values#caller()} walks the stack to the first frame outside this
 *       package's classes instead of using a fixed depth, so it gives the call site through any
 *       number of this package's loggers. {@link io.kit4j.log.Values#caller(int)} counts its depth
 *       from that call site (1 is the call site) rather than from the valuer's own frame, and gives
 *       {@code unknown:0} beyond the bottom of the stack.</li>
 *   <li>Timestamp valuers give a {@link io.kit4j.log.Timestamp}, which formats itself when the line
 *       is encoded, as Go's time values do; {@link io.kit4j.log.Values#timestampLocal()} fixes the time
 *       zone when it is created. Ids such as a trace's can be given as {@link io.kit4j.log.HexId}s,
 *       written as hex digits the same way (go-kit has no such type: its loggers take strings).</li>
 *   <li>Levels are a Java enum, and a filter takes the minimum level to let through
 *       ({@link io.kit4j.log.Levels#filter}) instead of {@code Allow*} options;
 *       {@link io.kit4j.log.LevelFilter#squelchNoLevel} is a method of the filter.</li>
 * </ol>
 */
package io.kit4j.log;
