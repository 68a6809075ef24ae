package io.kit4j.gateway;

import io.kit4j.transport.http.HttpServer;

/**
 * A gateway in a JVM of its own (HTTP/1.1 and h2c on one port), for {@link StreamingTest} and
 * {@link GrpcStreamingTest}: routes everything to the instance given as
 * the first argument, prints {@code PORT <n>} once it listens, and exits when its standard input closes
 * (so it never outlives the test).
 */
public final class ForkedGateway {
    private ForkedGateway() {
    }

    /** Entry point: {@code ForkedGateway host:port}. */
    public static void main(String[] args) throws Exception {
        try {
            run(args);
        } catch (Throwable e) {
            e.printStackTrace();
            System.out.println("FAILED " + e);
            System.exit(1);
        }
    }

    private static void run(String[] args) throws Exception {
        Gateway gateway = Gateway.builder()
                .routes(RoutesFile.parse("routes:\n  - id: all\n    path: /**\n    instances: [\"" + args[0] + "\"]\n"
                        + "    timeout: 120s\n"))
                .build();
        HttpServer server = HttpServer.builder().h2c(true).maxRequestBodyBytes(Long.MAX_VALUE).handler(gateway).build().start();
        System.out.println("PORT " + server.port());
        System.out.flush();
        while (System.in.read() >= 0) {
            // wait for the parent to close our input
        }
        server.stop();
        gateway.close();
    }
}
