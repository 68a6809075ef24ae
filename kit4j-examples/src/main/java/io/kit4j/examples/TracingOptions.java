package io.kit4j.examples;

import io.kit4j.tracing.Tracing;
import io.kit4j.tracing.TracingSetup;
import picocli.CommandLine.Option;

/** The tracing flags of {@code usersvc} and {@code client}: off unless {@code --tracing} names an exporter. */
final class TracingOptions {
    @Option(names = "--tracing", paramLabel = "KIND=URL",
            description = "export traces: zipkin=http://127.0.0.1:9411 or otlp=http://127.0.0.1:4318 (default: off)")
    String exporter;

    @Option(names = "--tracing-sample-ratio", defaultValue = "1.0", paramLabel = "R",
            description = "share of new traces sampled, 0..1; calls that arrive traced keep the caller's decision (default: ${DEFAULT-VALUE})")
    double ratio;

    /** True when {@code --tracing} was given. */
    boolean enabled() {
        return exporter != null && !exporter.isBlank();
    }

    /** The tracing of the service {@code serviceName}, or null when off; close it when done. */
    Tracing open(String serviceName) {
        if (!enabled()) {
            return null;
        }
        return TracingSetup.builder(serviceName).exporter(exporter).sampleRatio(ratio).build();
    }
}
