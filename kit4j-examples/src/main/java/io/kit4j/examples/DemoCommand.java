package io.kit4j.examples;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code kit4j demo}: the main job, a scripted session against running services. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Start the services on free ports and drive a scripted session against them.")
final class DemoCommand implements Callable<Integer> {

    @Override
    public Integer call() throws Exception {
        return new Demo(System.out).run();
    }
}
