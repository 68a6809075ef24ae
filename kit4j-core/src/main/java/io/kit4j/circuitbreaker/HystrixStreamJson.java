package io.kit4j.circuitbreaker;

import java.time.Duration;

/**
 * Renders a {@link Snapshot} as the JSON object of the Hystrix dashboard's {@code hystrix.stream}: a
 * {@code "type":"HystrixCommand"} object with every field the Netflix dashboard (and Turbine) reads, latencies
 * in milliseconds. Hand-written, so kit4j-core needs no JSON library. The HTTP endpoint that streams it is
 * {@code io.kit4j.transport.http.HystrixStreamHandler} in kit4j-http.
 *
 * <p>Mapping: {@code isCircuitBreakerOpen} is true when the state is not {@link State#CLOSED}; rejections
 * go to {@code rollingCountThreadPoolRejected} under {@link Isolation#VIRTUAL_THREAD} ("THREAD") and to
 * {@code rollingCountSemaphoreRejected} under {@link Isolation#SAME_THREAD} ("SEMAPHORE"), the counter the
 * dashboard shows for that strategy; {@code rollingCountBadRequests} counts {@link Event#BAD_REQUEST}.
 * Counters kit4j has no notion of (collapsing, caching, emits, fallback rejections) are 0, and
 * {@code rollingMaxConcurrentExecutionCount} is the current count.
 */
public final class HystrixStreamJson {
    private static final String[] PERCENTILE_KEYS = {"0", "25", "50", "75", "90", "95", "99", "99.5", "100"};
    private static final double[] PERCENTILES = {0, 25, 50, 75, 90, 95, 99, 99.5, 100};

    private HystrixStreamJson() {
    }

    /** The {@code HystrixCommand} JSON object of {@code s}, on one line. */
    public static String command(Snapshot s) {
        Settings settings = s.settings();
        boolean thread = settings.isolation() == Isolation.VIRTUAL_THREAD;
        long rejected = s.count(Event.REJECTED);
        long timeoutMs = settings.timeout().map(Duration::toMillis).orElse(0L);
        StringBuilder b = new StringBuilder(2048).append('{');
        string(b, "type", "HystrixCommand");
        string(b, "name", s.name());
        string(b, "group", s.group());
        number(b, "currentTime", s.time().toEpochMilli());
        bool(b, "isCircuitBreakerOpen", s.state() != State.CLOSED);
        number(b, "errorPercentage", s.errorPercentage());
        number(b, "errorCount", s.errors());
        number(b, "requestCount", s.requests());
        number(b, "rollingCountBadRequests", s.count(Event.BAD_REQUEST));
        number(b, "rollingCountCollapsedRequests", 0);
        number(b, "rollingCountEmit", 0);
        number(b, "rollingCountExceptionsThrown", 0);
        number(b, "rollingCountFailure", s.count(Event.FAILURE));
        number(b, "rollingCountFallbackEmit", 0);
        number(b, "rollingCountFallbackFailure", s.count(Event.FALLBACK_FAILURE));
        number(b, "rollingCountFallbackMissing", 0);
        number(b, "rollingCountFallbackRejection", 0);
        number(b, "rollingCountFallbackSuccess", s.count(Event.FALLBACK_SUCCESS));
        number(b, "rollingCountResponsesFromCache", 0);
        number(b, "rollingCountSemaphoreRejected", thread ? 0 : rejected);
        number(b, "rollingCountShortCircuited", s.count(Event.SHORT_CIRCUITED));
        number(b, "rollingCountSuccess", s.count(Event.SUCCESS));
        number(b, "rollingCountThreadPoolRejected", thread ? rejected : 0);
        number(b, "rollingCountTimeout", s.count(Event.TIMEOUT));
        number(b, "currentConcurrentExecutionCount", s.concurrencyInUse());
        number(b, "rollingMaxConcurrentExecutionCount", s.concurrencyInUse());
        latency(b, "latencyExecute", s.execution());
        latency(b, "latencyTotal", s.total());
        number(b, "propertyValue_circuitBreakerRequestVolumeThreshold", settings.requestVolumeThreshold());
        number(b, "propertyValue_circuitBreakerSleepWindowInMilliseconds", settings.sleepWindow().toMillis());
        number(b, "propertyValue_circuitBreakerErrorThresholdPercentage", settings.errorPercentThreshold());
        bool(b, "propertyValue_circuitBreakerForceOpen", settings.forceOpen());
        bool(b, "propertyValue_circuitBreakerForceClosed", settings.forceClosed());
        bool(b, "propertyValue_circuitBreakerEnabled", true);
        string(b, "propertyValue_executionIsolationStrategy", thread ? "THREAD" : "SEMAPHORE");
        number(b, "propertyValue_executionIsolationThreadTimeoutInMilliseconds", timeoutMs);
        number(b, "propertyValue_executionTimeoutInMilliseconds", timeoutMs);
        bool(b, "propertyValue_executionIsolationThreadInterruptOnTimeout", thread);
        string(b, "propertyValue_executionIsolationThreadPoolKeyOverride", "");
        number(b, "propertyValue_executionIsolationSemaphoreMaxConcurrentRequests", settings.maxConcurrentRequests());
        number(b, "propertyValue_fallbackIsolationSemaphoreMaxConcurrentRequests", settings.maxConcurrentRequests());
        number(b, "propertyValue_metricsRollingStatisticalWindowInMilliseconds", settings.rollingWindow().toMillis());
        bool(b, "propertyValue_requestCacheEnabled", false);
        bool(b, "propertyValue_requestLogEnabled", false);
        number(b, "reportingHosts", 1);
        string(b, "threadPool", s.group());
        b.setLength(b.length() - 1);
        return b.append('}').toString();
    }

    private static void latency(StringBuilder b, String key, Latency l) {
        number(b, key + "_mean", l.mean().toMillis());
        b.append('"').append(key).append("\":{");
        for (int i = 0; i < PERCENTILES.length; i++) {
            number(b, PERCENTILE_KEYS[i], l.percentile(PERCENTILES[i]).toMillis());
        }
        b.setLength(b.length() - 1);
        b.append("},");
    }

    private static void number(StringBuilder b, String key, long value) {
        b.append('"').append(key).append("\":").append(value).append(',');
    }

    private static void bool(StringBuilder b, String key, boolean value) {
        b.append('"').append(key).append("\":").append(value).append(',');
    }

    private static void string(StringBuilder b, String key, String value) {
        b.append('"').append(key).append("\":");
        quote(b, value);
        b.append(',');
    }

    /** Appends {@code s} as a JSON string literal. */
    static void quote(StringBuilder b, String s) {
        b.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20 || c == '\u2028' || c == '\u2029') {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        b.append('"');
    }
}
