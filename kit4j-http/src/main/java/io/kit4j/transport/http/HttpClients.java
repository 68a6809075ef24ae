package io.kit4j.transport.http;

import java.time.Duration;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.util.thread.VirtualThreadPool;

/**
 * The Jetty {@link HttpClient} that client endpoints share by default, started on first use, and a
 * factory for clients with other settings. Connections are pooled and reused per destination.
 */
public final class HttpClients {
    private static volatile HttpClient shared;

    private HttpClients() {
    }

    /** The shared client: 5 s connect timeout, no redirects, 256 connections per destination. */
    public static HttpClient shared() {
        HttpClient c = shared;
        if (c == null) {
            synchronized (HttpClients.class) {
                c = shared;
                if (c == null) {
                    c = start(Duration.ofSeconds(5), 256);
                    shared = c;
                }
            }
        }
        return c;
    }

    /** A new started client; stop it when done. */
    public static HttpClient start(Duration connectTimeout, int maxConnectionsPerDestination) {
        HttpClient client = new HttpClient();
        VirtualThreadPool threads = new VirtualThreadPool();
        threads.setName("kit4j-http-client");
        client.setExecutor(threads);
        client.setConnectTimeout(connectTimeout.toMillis());
        client.setFollowRedirects(false);
        client.setMaxConnectionsPerDestination(maxConnectionsPerDestination);
        client.setUserAgentField(null);
        try {
            client.start();
        } catch (Exception e) {
            throw new IllegalStateException("cannot start HTTP client", e);
        }
        return client;
    }
}
