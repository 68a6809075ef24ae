package io.kit4j.examples;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code bin/kit4j}: the one launcher for everything runnable in kit4j. */
@Command(name = "kit4j", mixinStandardHelpOptions = true, version = "kit4j 0.1.0",
        description = "Runs the kit4j reference services and demo.",
        subcommands = {UserSvcCommand.class, ClientCommand.class, DemoCommand.class, TokenCommand.class,
            GatewayCommand.class,
            CommandLine.HelpCommand.class})
public final class Kit4jCommand implements Runnable {

    @Override
    public void run() {
        CommandLine.usage(this, System.out);
    }

    /** Entry point. */
    public static void main(String[] args) {
        int code = new CommandLine(new Kit4jCommand())
                .setExecutionExceptionHandler((e, cmd, parsed) -> {
                    if (e instanceof IllegalArgumentException) { // a bad option value: say it, no stack trace
                        cmd.getErr().println("kit4j " + cmd.getCommandName() + ": " + e.getMessage());
                        return 2;
                    }
                    throw e;
                })
                .execute(args);
        System.exit(code);
    }
}
