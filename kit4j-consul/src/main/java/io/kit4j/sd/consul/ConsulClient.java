package io.kit4j.sd.consul;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * The calls of Consul's HTTP API that registration and discovery need (go-kit's
 * {@code sd/consul.Client}), on the JDK's {@link HttpClient} over HTTP/1.1 with Jackson for JSON:
 * {@link #register}, {@link #deregister}, the blocking health query {@link #service} and the blocking
 * catalog query {@link #services}. Every request
 * carries the ACL token, if any, as {@code X-Consul-Token}. A non-2xx answer throws a
 * {@link ConsulException}. Thread-safe; {@link #close()} releases the HTTP client.
 */
public final class ConsulClient implements AutoCloseable {
    /** How much longer than {@code wait} a blocking query may take before it counts as lost. */
    static final Duration BLOCKING_MARGIN = Duration.ofSeconds(5);

    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI base;
    private final String token;
    private final String datacenter;
    private final Duration requestTimeout;
    private final HttpClient http;

    /**
     * A client of the agent at {@code base} (say {@code http://127.0.0.1:8500}), sending {@code token}
     * (null for none) and querying datacenter {@code datacenter} (null for the agent's own); requests
     * that do not block time out after {@code requestTimeout}.
     */
    public ConsulClient(URI base, String token, String datacenter, Duration requestTimeout) {
        Objects.requireNonNull(base, "base");
        String b = base.toString();
        this.base = URI.create(b.endsWith("/") ? b.substring(0, b.length() - 1) : b);
        this.token = token == null || token.isEmpty() ? null : token;
        this.datacenter = datacenter == null || datacenter.isEmpty() ? null : datacenter;
        this.requestTimeout = Objects.requireNonNull(requestTimeout, "requestTimeout");
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(requestTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** The agent's base URI. */
    public URI base() {
        return base;
    }

    /** {@code PUT /v1/agent/service/register} with {@code registration} as JSON. */
    public void register(ServiceRegistration registration) throws IOException, InterruptedException {
        byte[] body = JSON.writeValueAsBytes(registration);
        send(request("/v1/agent/service/register", requestTimeout)
                .PUT(HttpRequest.BodyPublishers.ofByteArray(body))
                .header("Content-Type", "application/json"), "PUT /v1/agent/service/register");
    }

    /** {@code PUT /v1/agent/service/deregister/<serviceId>}. */
    public void deregister(String serviceId) throws IOException, InterruptedException {
        String path = "/v1/agent/service/deregister/" + pathSegment(serviceId);
        send(request(path, requestTimeout).PUT(HttpRequest.BodyPublishers.noBody()), "PUT " + path);
    }

    /**
     * {@code GET /v1/health/service/<service>}: the instances of {@code service} with the tag
     * {@code tag} (null for any), only those whose checks all pass if {@code passingOnly}. With
     * {@code index > 0} it is a blocking query: Consul answers when the result's index passes
     * {@code index}, or after {@code wait} (plus up to {@code wait/16} of jitter); the client gives up
     * {@link #BLOCKING_MARGIN} after that. With {@code index == 0} it answers at once.
     */
    public HealthResult service(String service, String tag, boolean passingOnly, long index, Duration wait)
            throws IOException, InterruptedException {
        List<String> query = new ArrayList<>();
        if (passingOnly) {
            query.add("passing=1");
        }
        if (tag != null && !tag.isEmpty()) {
            query.add("tag=" + URLEncoder.encode(tag, StandardCharsets.UTF_8));
        }
        Get get = blockingGet("/v1/health/service/" + pathSegment(service), query, index, wait);
        HttpResponse<String> response = get.response();
        String what = get.what();
        return new HealthResult(parseEntries(response.body(), what), consulIndex(response, what));
    }

    /**
     * {@code GET /v1/catalog/services}: every service name in the catalog with its tags, whatever the
     * health of its instances. With {@code index > 0} it is a blocking query, as for {@link #service}.
     */
    public ServicesResult services(long index, Duration wait) throws IOException, InterruptedException {
        Get get = blockingGet("/v1/catalog/services", new ArrayList<>(), index, wait);
        HttpResponse<String> response = get.response();
        String what = get.what();
        JsonNode root;
        try {
            root = JSON.readTree(response.body());
        } catch (JsonProcessingException e) {
            throw new IOException(what + ": answer is not JSON: " + e.getOriginalMessage(), e);
        }
        Map<String, List<String>> services = new LinkedHashMap<>();
        if (root != null && !root.isNull()) {
            if (!root.isObject()) {
                throw new IOException(what + ": expected a JSON object of service names");
            }
            for (Map.Entry<String, JsonNode> e : root.properties()) {
                List<String> tags = new ArrayList<>();
                for (JsonNode t : e.getValue()) {
                    tags.add(t.asText());
                }
                services.put(e.getKey(), tags);
            }
        }
        return new ServicesResult(services, consulIndex(response, what));
    }

    /** An answer and what was asked ({@code GET path?query}), for error messages. */
    private record Get(HttpResponse<String> response, String what) {
    }

    /**
     * {@code GET base?query}, with the datacenter and, when {@code index > 0}, {@code index} and {@code wait}
     * added: a blocking query, given {@code wait} plus Consul's jitter and {@link #BLOCKING_MARGIN} to answer.
     */
    private Get blockingGet(String base, List<String> query, long index, Duration wait)
            throws IOException, InterruptedException {
        if (datacenter != null) {
            query.add("dc=" + URLEncoder.encode(datacenter, StandardCharsets.UTF_8));
        }
        Duration timeout = requestTimeout;
        if (index > 0) {
            query.add("index=" + Long.toUnsignedString(index));
            query.add("wait=" + GoDurations.format(wait));
            timeout = wait.plus(wait.dividedBy(16)).plus(BLOCKING_MARGIN);
        }
        String path = query.isEmpty() ? base : base + "?" + String.join("&", query);
        String what = "GET " + path;
        return new Get(send(request(path, timeout).GET(), what), what);
    }

    private static long consulIndex(HttpResponse<String> response, String what) throws IOException {
        String header = response.headers().firstValue("X-Consul-Index").orElse(null);
        try {
            return Long.parseUnsignedLong(Objects.requireNonNull(header, "missing"));
        } catch (NumberFormatException | NullPointerException e) {
            throw new IOException(what + ": cannot read X-Consul-Index " + (header == null ? "(missing)" : header));
        }
    }

    /** Releases the HTTP client; requests in flight fail. */
    @Override
    public void close() {
        http.shutdownNow();
    }

    private HttpRequest.Builder request(String pathAndQuery, Duration timeout) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + pathAndQuery)).timeout(timeout);
        if (token != null) {
            b.header("X-Consul-Token", token);
        }
        return b;
    }

    private HttpResponse<String> send(HttpRequest.Builder request, String what) throws IOException, InterruptedException {
        CompletableFuture<HttpResponse<String>> future =
                http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        HttpResponse<String> response;
        try {
            response = future.get();
        } catch (InterruptedException e) {
            future.cancel(true);
            throw e;
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            throw new IOException(what + ": " + cause, cause);
        }
        if (response.statusCode() / 100 != 2) {
            throw new ConsulException(what, response.statusCode(), response.body());
        }
        return response;
    }

    private static List<ServiceEntry> parseEntries(String body, String what) throws IOException {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new IOException(what + ": answer is not JSON: " + e.getOriginalMessage(), e);
        }
        if (root == null || root.isNull()) {
            return List.of();
        }
        if (!root.isArray()) {
            throw new IOException(what + ": expected a JSON array of service entries");
        }
        List<ServiceEntry> entries = new ArrayList<>(root.size());
        for (JsonNode e : root) {
            JsonNode node = e.path("Node");
            JsonNode svc = e.path("Service");
            if (!svc.isObject()) {
                throw new IOException(what + ": a service entry has no Service object");
            }
            List<String> tags = new ArrayList<>();
            for (JsonNode t : svc.path("Tags")) {
                tags.add(t.asText());
            }
            entries.add(new ServiceEntry(node.path("Address").asText(""), svc.path("ID").asText(""),
                    svc.path("Address").asText(""), svc.path("Port").asInt(0), tags));
        }
        return entries;
    }

    /** Percent-encodes {@code s} as one path segment (everything but RFC 3986's unreserved characters). */
    static String pathSegment(String s) {
        StringBuilder b = new StringBuilder();
        for (byte c : s.getBytes(StandardCharsets.UTF_8)) {
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '.' || c == '_' || c == '~') {
                b.append((char) c);
            } else {
                b.append('%').append(Character.toUpperCase(Character.forDigit((c >> 4) & 0xF, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xF, 16)));
            }
        }
        return b.toString();
    }
}
