package io.kit4j.examples;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code kit4j demo}: the main job, a scripted session against running services. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Start ZooKeeper in-process and three self-registering instances, drive a scripted session, then call through discovery, balancing, retry and breakers while one instance stops and one crashes.")
final class DemoCommand implements Callable<Integer> {

    @Override
    public Integer call() throws Exception {
        return new Demo(System.out).run();
    }
}
