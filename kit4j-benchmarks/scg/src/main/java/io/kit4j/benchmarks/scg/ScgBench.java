package io.kit4j.benchmarks.scg;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * Spring Cloud Gateway with one route (see application.properties): {@code /api/user/**} to the user
 * service at {@code 127.0.0.1:${usersvc.port}}, first path segment stripped. The benchmark script passes
 * {@code --server.port} and {@code --usersvc.port}.
 */
@SpringBootApplication
public class ScgBench {
    public static void main(String[] args) {
        SpringApplication.run(ScgBench.class, args);
    }
}
