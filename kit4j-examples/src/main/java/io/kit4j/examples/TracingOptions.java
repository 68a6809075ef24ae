package io.kit4j.examples;

import io.kit4j.tracing.Tracing;
import io.kit4j.tracing.TracingSetup;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The tracing flags of {@code usersvc}, {@code client} and {@code gateway}: off unless {@code --tracing} names an exporter. */
final class TracingOptions {
    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

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

    /**
     * The tracing of the service {@code serviceName}, or null when off; close it when done.
     *
     * @throws ParameterException for a bad spec or ratio (picocli prints the message and the usage)
     */
    Tracing open(String serviceName) {
        if (!enabled()) {
            return null;
        }
        try {
            return TracingSetup.builder(serviceName).exporter(exporter).sampleRatio(ratio).build();
        } catch (IllegalArgumentException e) {
            throw new ParameterException(command.commandLine(), e.getMessage(), e);
        }
    }
}
