/**
 * An adapter from kit4j's structured {@link io.kit4j.log.Logger} to SLF4J 2:
 * {@link io.kit4j.log.slf4j.Slf4jLogger} turns each event into an SLF4J event whose level comes from the
 * {@code level} pair, whose message comes from the {@code msg} pair and whose other pairs become SLF4J
 * key-value pairs, for applications that already have an SLF4J back end such as Logback.
 *
 * <pre>{@code
 * Logger logger = new Slf4jLogger(LoggerFactory.getLogger("orders"));
 * Levels.warn(logger).log("msg", "slow request", "took", took);
 * }</pre>
 */
package io.kit4j.log.slf4j;
