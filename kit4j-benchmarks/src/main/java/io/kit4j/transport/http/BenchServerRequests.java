package io.kit4j.transport.http;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Components;
import org.eclipse.jetty.server.ConnectionMetaData;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpStream;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Session;
import org.eclipse.jetty.server.TunnelSupport;
import org.eclipse.jetty.util.Attributes;

/**
 * {@link ServerRequest}s for benchmarks of server hooks, over a stand-in Jetty request (no connection,
 * no body): method, URI, headers and the peer's address are real Jetty values, everything else refuses.
 * Lives in kit4j-http's package because {@link ServerRequest}'s constructor is package-private.
 */
public final class BenchServerRequests {
    private BenchServerRequests() {
    }

    /** A request for {@code uri} with {@code headers}, from 127.0.0.1:50000 over HTTP/1.1. */
    public static ServerRequest of(String method, String uri, Map<String, String> headers) {
        HttpFields.Mutable h = HttpFields.build();
        headers.forEach(h::add);
        return new ServerRequest(new StandInRequest(method, HttpURI.from(uri), h.asImmutable()), 1 << 20);
    }

    /** The route template a router would have set. */
    public static void route(ServerRequest request, String template) {
        request.routeTemplate(template);
    }

    private static final class StandInMetaData extends Attributes.Mapped implements ConnectionMetaData {
        private static final InetSocketAddress REMOTE = new InetSocketAddress("127.0.0.1", 50000);
        private static final InetSocketAddress LOCAL = new InetSocketAddress("127.0.0.1", 8080);

        @Override
        public String getId() {
            return "bench";
        }

        @Override
        public HttpConfiguration getHttpConfiguration() {
            throw new UnsupportedOperationException();
        }

        @Override
        public HttpVersion getHttpVersion() {
            return HttpVersion.HTTP_1_1;
        }

        @Override
        public String getProtocol() {
            return "HTTP/1.1";
        }

        @Override
        public Connection getConnection() {
            throw new UnsupportedOperationException();
        }

        @Override
        public Connector getConnector() {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean isPersistent() {
            return true;
        }

        @Override
        public SocketAddress getRemoteSocketAddress() {
            return REMOTE;
        }

        @Override
        public SocketAddress getLocalSocketAddress() {
            return LOCAL;
        }
    }

    private static final class StandInRequest extends Attributes.Mapped implements Request {
        private static final ConnectionMetaData META = new StandInMetaData();
        private final String method;
        private final HttpURI uri;
        private final HttpFields headers;

        StandInRequest(String method, HttpURI uri, HttpFields headers) {
            this.method = method;
            this.uri = uri;
            this.headers = headers;
        }

        @Override
        public String getId() {
            return "1";
        }

        @Override
        public Components getComponents() {
            throw new UnsupportedOperationException();
        }

        @Override
        public ConnectionMetaData getConnectionMetaData() {
            return META;
        }

        @Override
        public String getMethod() {
            return method;
        }

        @Override
        public HttpURI getHttpURI() {
            return uri;
        }

        @Override
        public org.eclipse.jetty.server.Context getContext() {
            throw new UnsupportedOperationException();
        }

        @Override
        public HttpFields getHeaders() {
            return headers;
        }

        @Override
        public void demand(Runnable demandCallback) {
            throw new UnsupportedOperationException();
        }

        @Override
        public HttpFields getTrailers() {
            return null;
        }

        @Override
        public long getBeginNanoTime() {
            return 0;
        }

        @Override
        public long getHeadersNanoTime() {
            return 0;
        }

        @Override
        public boolean isSecure() {
            return false;
        }

        @Override
        public Content.Chunk read() {
            return Content.Chunk.EOF;
        }

        @Override
        public void fail(Throwable failure) {
        }

        @Override
        public boolean consumeAvailable() {
            return true;
        }

        @Override
        public void addIdleTimeoutListener(Predicate<TimeoutException> onIdleTimeout) {
        }

        @Override
        public void addFailureListener(Consumer<Throwable> onFailure) {
        }

        @Override
        public TunnelSupport getTunnelSupport() {
            return null;
        }

        @Override
        public void addHttpStreamWrapper(Function<HttpStream, HttpStream> wrapper) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Session getSession(boolean create) {
            return null;
        }
    }
}
