package io.kit4j.sd.consul;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Pattern;

/**
 * A STAND-IN for a Consul agent (one node, one datacenter, its own server), written for these tests
 * because no real Consul can be installed here (no Debian package; the Maven "embedded" Consul
 * downloads the binary at run time; no Docker). It is stateful and follows Consul's documented HTTP
 * API for what kit4j uses:
 *
 * <ul>
 *   <li>{@code PUT /v1/agent/service/register}: ID (default Name), Name (required), Tags, Address,
 *       Port, Meta (Consul's key rules), and one {@code Check} with HTTP, Method, Interval (required
 *       with HTTP), Timeout (default 10 s), DeregisterCriticalServiceAfter, Status (initial, default
 *       critical). Unknown fields are refused (400), to catch misspelt names.</li>
 *   <li>{@code PUT /v1/agent/service/deregister/:id} (404 for an unknown ID).</li>
 *   <li>{@code GET /v1/health/service/:service} with {@code passing} (only entries whose checks all
 *       pass, the node's {@code serfHealth} included), {@code tag} (repeatable, all must match),
 *       {@code dc} (another datacenter: 500 "No path to datacenter"), and blocking queries: with
 *       {@code index} it waits until the service's index passes it or {@code wait} (default 5 min,
 *       at most 10 min) plus a random jitter of up to wait/16 elapses; answers carry
 *       {@code X-Consul-Index}, {@code X-Consul-KnownLeader}, {@code X-Consul-LastContact}.</li>
 *   <li>{@code GET /v1/catalog/services} (added for {@code ConsulCatalog}): {@code consul} (as on a
 *       Consul server's agent) and every registered service name with the union of its instances'
 *       tags, whatever their health; {@code dc}; blocking queries on the catalog's own index, which
 *       moves when a service is registered, re-registered or removed (by deregistration or the reaper),
 *       not when a check changes status.</li>
 *   <li>{@code GET /v1/agent/services}, {@code /v1/agent/checks}, {@code /v1/status/leader}.</li>
 *   <li>It RUNS the HTTP checks: the first after a random stagger within the interval, then
 *       {@code Interval} after each run ended; 2xx passes, 429 warns, any other status, a refused
 *       connection or no answer within {@code Timeout} is critical. A reaper every
 *       {@link Builder#reapInterval} (Consul: 30 s) deregisters services critical for longer than
 *       {@code max(DeregisterCriticalServiceAfter, }{@link Builder#minDeregisterCriticalAfter}{@code )}
 *       (Consul: 1 min minimum); tests shorten both.</li>
 *   <li>ACLs reduced to one token: with {@link Builder#requireToken}, a request without it
 *       ({@code X-Consul-Token} or {@code Authorization: Bearer}) gets 403.</li>
 *   <li>Faults on demand: {@link #failHealthQueries} answers health queries with 500,
 *       {@link #failCatalogQueries} catalog queries;
 *       {@link #overrideNextIndexes} makes the next health answers carry a given index (lower, or 0) at
 *       once.</li>
 * </ul>
 *
 * <p>What it does NOT prove: real Consul's consistency modes (default/stale/consistent), leader
 * elections and Raft, agent/server split and anti-entropy between the agent's and the catalog's view,
 * several nodes or datacenters, gossip ({@code serfHealth} is always passing here), real ACL policies,
 * index behaviour of a busy cluster (indexes here move only with this service's changes, or the
 * global index for unknown services), the agent's cache, prepared queries, TTL/TCP/gRPC checks,
 * SuccessBeforePassing/FailuresBeforeCritical, check output format, and the exact JSON of fields
 * kit4j does not read.
 */
final class ConsulStandIn implements AutoCloseable {
    static final String NODE = "standin-node";
    static final String NODE_ID = "5b2e6c1a-0000-4000-8000-000000000001";
    static final String NODE_ADDRESS = "127.0.0.1";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern META_KEY = Pattern.compile("[A-Za-z0-9_-]{1,128}");
    private static final Set<String> REGISTRATION_FIELDS = Set.of("ID", "Name", "Tags", "Address", "Port", "Meta",
            "Check", "EnableTagOverride");
    private static final Set<String> CHECK_FIELDS = Set.of("CheckID", "Name", "HTTP", "Method", "Interval", "Timeout",
            "DeregisterCriticalServiceAfter", "Status", "Notes", "Header", "TLSSkipVerify");

    private final Builder settings;
    private final HttpServer server;
    private final ExecutorService requestThreads = Executors.newVirtualThreadPerTaskExecutor();
    private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2, r -> {
        Thread t = new Thread(r, "consul-standin-scheduler");
        t.setDaemon(true);
        return t;
    });
    private final HttpClient checker = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .executor(Executors.newVirtualThreadPerTaskExecutor()).build();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final Map<String, Service> services = new LinkedHashMap<>();
    private final Map<String, Long> serviceIndex = new LinkedHashMap<>();
    private final CopyOnWriteArrayList<Recorded> requests = new CopyOnWriteArrayList<>();
    private final AtomicInteger failuresLeft = new AtomicInteger();
    private final AtomicInteger catalogFailuresLeft = new AtomicInteger();
    private final Deque<Long> indexOverrides = new ArrayDeque<>();
    private long index = 1;
    private long catalogIndex = 1;
    private int blocked;
    private volatile boolean closed;

    private ConsulStandIn(Builder b) throws IOException {
        this.settings = b;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(requestThreads);
        server.createContext("/", this::handle);
        server.start();
        scheduler.scheduleWithFixedDelay(this::reap, b.reapInterval.toNanos(), b.reapInterval.toNanos(),
                TimeUnit.NANOSECONDS);
    }

    /** Settings with Consul's defaults: reaper every 30 s, 1 min minimum before deregistering, no ACLs. */
    static Builder builder() {
        return new Builder();
    }

    /** A request the stand-in received. */
    record Recorded(String method, String path, Map<String, List<String>> query, String token) {
        String param(String name) {
            List<String> v = query.get(name);
            return v == null ? null : v.get(0);
        }

        boolean isHealthQuery() {
            return method.equals("GET") && path.startsWith("/v1/health/service/");
        }
    }

    /** A registered service as the stand-in holds it (a snapshot). */
    record ServiceView(String id, String name, List<String> tags, String address, int port, Map<String, String> meta,
            String checkStatus, String checkHttp, String checkInterval, String checkTimeout, String deregisterAfter) {
    }

    /** {@code http://127.0.0.1:<port>}. */
    URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** {@code consul://127.0.0.1:<port>}. */
    String consulUri() {
        return "consul://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Every request received so far, in arrival order. */
    List<Recorded> requests() {
        return List.copyOf(requests);
    }

    /** The health queries received so far. */
    List<Recorded> healthQueries() {
        return requests.stream().filter(Recorded::isHealthQuery).toList();
    }

    /** The registered services by ID. */
    Map<String, ServiceView> services() {
        lock.lock();
        try {
            Map<String, ServiceView> out = new LinkedHashMap<>();
            for (Service s : services.values()) {
                out.put(s.id, s.view());
            }
            return out;
        } finally {
            lock.unlock();
        }
    }

    /** The current raft index. */
    long index() {
        lock.lock();
        try {
            return index;
        } finally {
            lock.unlock();
        }
    }

    /** How many blocking queries (health or catalog) wait for a change now. */
    int blockedQueries() {
        lock.lock();
        try {
            return blocked;
        } finally {
            lock.unlock();
        }
    }

    /** Answers the next {@code n} catalog queries ({@code /v1/catalog/services}) with 500. */
    void failCatalogQueries(int n) {
        catalogFailuresLeft.set(n);
    }

    /** The catalog queries received so far. */
    List<Recorded> catalogQueries() {
        return requests.stream().filter(r -> r.method().equals("GET") && r.path().equals("/v1/catalog/services")).toList();
    }

    /** Answers the next {@code n} health queries with 500. */
    void failHealthQueries(int n) {
        failuresLeft.set(n);
    }

    /** The next health queries answer at once, each with the next of {@code indexes} as X-Consul-Index. */
    void overrideNextIndexes(long... indexes) {
        lock.lock();
        try {
            for (long i : indexes) {
                indexOverrides.add(i);
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() {
        closed = true;
        lock.lock();
        try {
            for (Service s : services.values()) {
                s.cancelCheck();
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        server.stop(0);
        scheduler.shutdownNow();
        checker.shutdownNow();
        requestThreads.shutdownNow();
    }

    // ---------------------------------------------------------------- HTTP

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String method = ex.getRequestMethod();
            String rawPath = ex.getRequestURI().getRawPath();
            Map<String, List<String>> query = parseQuery(ex.getRequestURI().getRawQuery());
            String token = token(ex);
            requests.add(new Recorded(method, rawPath, query, token));
            Answer a = settings.token != null && !settings.token.equals(token)
                    ? Answer.text(403, token == null ? "Permission denied: anonymous token lacks permission"
                            : "ACL not found")
                    : route(method, rawPath, query, ex.getRequestBody());
            a.headers.forEach((k, v) -> ex.getResponseHeaders().set(k, v));
            byte[] body = a.body.getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().set("Content-Type", a.json ? "application/json" : "text/plain; charset=utf-8");
            ex.sendResponseHeaders(a.status, body.length == 0 ? -1 : body.length);
            if (body.length > 0) {
                try (OutputStream out = ex.getResponseBody()) {
                    out.write(body);
                }
            }
        } catch (IOException e) {
            // the client went away (an instancer stopped mid-query): nothing to answer
        }
    }

    private Answer route(String method, String rawPath, Map<String, List<String>> query, InputStream body)
            throws IOException {
        if (rawPath.equals("/v1/agent/service/register")) {
            return method.equals("PUT") ? register(body.readAllBytes()) : notAllowed(method);
        }
        if (rawPath.startsWith("/v1/agent/service/deregister/")) {
            return method.equals("PUT") ? deregister(decode(rawPath.substring("/v1/agent/service/deregister/".length())))
                    : notAllowed(method);
        }
        if (rawPath.startsWith("/v1/health/service/")) {
            return method.equals("GET") ? health(decode(rawPath.substring("/v1/health/service/".length())), query)
                    : notAllowed(method);
        }
        if (rawPath.equals("/v1/catalog/services")) {
            return method.equals("GET") ? catalogServices(query) : notAllowed(method);
        }
        if (rawPath.equals("/v1/agent/services")) {
            return method.equals("GET") ? agentServices() : notAllowed(method);
        }
        if (rawPath.equals("/v1/agent/checks")) {
            return method.equals("GET") ? agentChecks() : notAllowed(method);
        }
        if (rawPath.equals("/v1/status/leader")) {
            return Answer.json(200, "\"127.0.0.1:8300\"");
        }
        return Answer.text(404, "404 page not found");
    }

    private Answer register(byte[] body) {
        JsonNode r;
        try {
            r = JSON.readTree(body);
        } catch (IOException e) {
            return Answer.text(400, "Request decode failed: " + e.getMessage());
        }
        if (r == null || !r.isObject()) {
            return Answer.text(400, "Request decode failed: expected a JSON object");
        }
        String unknown = unknownField(r, REGISTRATION_FIELDS);
        if (unknown != null) {
            return Answer.text(400, "Request decode failed: unknown field \"" + unknown + "\"");
        }
        String name = r.path("Name").asText("");
        if (name.isEmpty()) {
            return Answer.text(400, "Missing service name");
        }
        String id = r.path("ID").asText("");
        if (id.isEmpty()) {
            id = name;
        }
        int port = r.path("Port").asInt(0);
        if (port < 0 || port > 65535) {
            return Answer.text(400, "Invalid service port");
        }
        List<String> tags = new ArrayList<>();
        for (JsonNode t : r.path("Tags")) {
            tags.add(t.asText());
        }
        Map<String, String> meta = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : r.path("Meta").properties()) {
            if (!META_KEY.matcher(e.getKey()).matches() || e.getKey().startsWith("consul-")) {
                return Answer.text(400, "Invalid Service Meta: Key contains invalid characters or is reserved: "
                        + e.getKey());
            }
            if (e.getValue().asText().length() > 512) {
                return Answer.text(400, "Invalid Service Meta: Value is too long for key " + e.getKey());
            }
            meta.put(e.getKey(), e.getValue().asText());
        }
        if (meta.size() > 64) {
            return Answer.text(400, "Invalid Service Meta: Node metadata cannot contain more than 64 key/value pairs");
        }
        Check check = null;
        JsonNode c = r.path("Check");
        if (c.isObject()) {
            unknown = unknownField(c, CHECK_FIELDS);
            if (unknown != null) {
                return Answer.text(400, "Request decode failed: unknown field \"Check." + unknown + "\"");
            }
            try {
                check = Check.of(id, name, c);
            } catch (IllegalArgumentException e) {
                return Answer.text(400, "Invalid check: " + e.getMessage());
            }
        }
        Service s = new Service(id, name, tags, r.path("Address").asText(""), port, meta, check);
        lock.lock();
        try {
            Service old = services.put(id, s);
            if (old != null) {
                old.cancelCheck();
                if (!old.name.equals(name)) {
                    touchService(old.name);
                }
            }
            touchService(name);
            s.createIndex = old == null ? index : old.createIndex;
            s.modifyIndex = index;
            if (check != null) {
                startCheck(s);
            }
        } finally {
            lock.unlock();
        }
        return Answer.text(200, "");
    }

    private Answer deregister(String id) {
        lock.lock();
        try {
            Service s = services.remove(id);
            if (s == null) {
                return Answer.text(404, "Unknown service ID \"" + id
                        + "\". Ensure that the service ID is passed, not the service name.");
            }
            s.cancelCheck();
            touchService(s.name);
        } finally {
            lock.unlock();
        }
        return Answer.text(200, "");
    }

    private Answer health(String name, Map<String, List<String>> query) {
        String dc = first(query, "dc");
        if (dc != null && !dc.isEmpty() && !dc.equals(settings.datacenter)) {
            return Answer.text(500, "No path to datacenter");
        }
        boolean passing = false;
        if (query.containsKey("passing")) {
            String v = first(query, "passing");
            if (v.isEmpty()) {
                passing = true;
            } else if (v.equals("1") || v.equalsIgnoreCase("true") || v.equals("t")) {
                passing = true;
            } else if (!(v.equals("0") || v.equalsIgnoreCase("false") || v.equals("f"))) {
                return Answer.text(400, "Invalid value for ?passing");
            }
        }
        Blocking blocking;
        try {
            blocking = blocking(query);
        } catch (IllegalArgumentException e) {
            return Answer.text(400, "Invalid wait time or index: " + e.getMessage());
        }
        if (failuresLeft.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0) {
            return Answer.text(500, "rpc error making call: stand-in injected failure");
        }
        List<String> tags = query.getOrDefault("tag", List.of());
        lock.lock();
        try {
            awaitChange(blocking, () -> indexOverrides.isEmpty() && Long.compareUnsigned(indexOf(name), blocking.minIndex()) <= 0);
            Long override = indexOverrides.poll();
            long resultIndex = override != null ? override : indexOf(name);
            ArrayNode out = JSON.createArrayNode();
            for (Service s : services.values()) {
                if (!s.name.equals(name) || !s.tags.containsAll(tags)) {
                    continue;
                }
                if (passing && s.check != null && !s.check.status.equals("passing")) {
                    continue;
                }
                out.add(s.entry(settings.datacenter));
            }
            return queryAnswer(out.toString(), resultIndex);
        } finally {
            lock.unlock();
        }
    }

    /**
     * {@code GET /v1/catalog/services}: {@code {"consul": [], "<name>": [tags of its instances]...}}, like
     * the agent of a Consul server (whose own service is {@code consul}); blocking on the catalog's index,
     * which moves when a service is registered, changed or removed, not when a check changes status.
     */
    private Answer catalogServices(Map<String, List<String>> query) {
        String dc = first(query, "dc");
        if (dc != null && !dc.isEmpty() && !dc.equals(settings.datacenter)) {
            return Answer.text(500, "No path to datacenter");
        }
        Blocking blocking;
        try {
            blocking = blocking(query);
        } catch (IllegalArgumentException e) {
            return Answer.text(400, "Invalid wait time or index: " + e.getMessage());
        }
        if (catalogFailuresLeft.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0) {
            return Answer.text(500, "rpc error making call: stand-in injected failure");
        }
        lock.lock();
        try {
            awaitChange(blocking, () -> Long.compareUnsigned(catalogIndex, blocking.minIndex()) <= 0);
            ObjectNode out = JSON.createObjectNode();
            out.putArray("consul");
            Map<String, java.util.TreeSet<String>> byName = new java.util.TreeMap<>();
            for (Service s : services.values()) {
                byName.computeIfAbsent(s.name, n -> new java.util.TreeSet<>()).addAll(s.tags);
            }
            byName.forEach((name, tags) -> {
                ArrayNode t = out.putArray(name);
                tags.forEach(t::add);
            });
            return queryAnswer(out.toString(), catalogIndex);
        } finally {
            lock.unlock();
        }
    }

    /** A blocking query's {@code index} (0: none) and how long it may wait ({@code wait}: the default when absent, capped at the maximum). */
    private record Blocking(long minIndex, Duration maxWait) {
    }

    /** The {@code index} and {@code wait} of {@code query}; malformed ones are an {@link IllegalArgumentException}. */
    private Blocking blocking(Map<String, List<String>> query) {
        long minIndex = 0;
        Duration wait = settings.defaultWait;
        String i = first(query, "index");
        if (i != null && !i.isEmpty()) {
            minIndex = Long.parseUnsignedLong(i);
        }
        String w = first(query, "wait");
        if (w != null && !w.isEmpty()) {
            wait = GoDurations.parse(w);
        }
        return new Blocking(minIndex, wait.compareTo(settings.maxWait) > 0 ? settings.maxWait : wait);
    }

    /**
     * With the lock held and an index given, waits while {@code unchanged} holds, at most the query's wait
     * plus up to a sixteenth of it (Consul's jitter), or until the stand-in closes.
     */
    private void awaitChange(Blocking q, java.util.function.BooleanSupplier unchanged) {
        if (q.minIndex() <= 0) {
            return;
        }
        long waitNanos = q.maxWait().toNanos();
        long jitter = waitNanos / 16 == 0 ? 0 : ThreadLocalRandom.current().nextLong(waitNanos / 16);
        long deadline = System.nanoTime() + waitNanos + jitter;
        blocked++;
        try {
            while (!closed && unchanged.getAsBoolean()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                try {
                    changed.awaitNanos(left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        } finally {
            blocked--;
        }
    }

    /** A query's 200 answer with Consul's index and leader headers. */
    private static Answer queryAnswer(String json, long index) {
        Answer a = Answer.json(200, json);
        a.headers.put("X-Consul-Index", Long.toUnsignedString(index));
        a.headers.put("X-Consul-KnownLeader", "true");
        a.headers.put("X-Consul-LastContact", "0");
        return a;
    }

    private Answer agentServices() {
        lock.lock();
        try {
            ObjectNode out = JSON.createObjectNode();
            for (Service s : services.values()) {
                out.set(s.id, s.serviceJson());
            }
            return Answer.json(200, out.toString());
        } finally {
            lock.unlock();
        }
    }

    private Answer agentChecks() {
        lock.lock();
        try {
            ObjectNode out = JSON.createObjectNode();
            for (Service s : services.values()) {
                if (s.check != null) {
                    out.set(s.check.id, s.check.json(s));
                }
            }
            return Answer.json(200, out.toString());
        } finally {
            lock.unlock();
        }
    }

    // ---------------------------------------------------------------- checks and reaper

    private void startCheck(Service s) {
        Check c = s.check;
        long stagger = ThreadLocalRandom.current().nextLong(Math.max(1, c.interval.toNanos()));
        c.task = scheduler.scheduleWithFixedDelay(() -> runCheck(s, c), stagger, c.interval.toNanos(),
                TimeUnit.NANOSECONDS);
    }

    private void runCheck(Service s, Check c) {
        String status;
        String output;
        try {
            HttpResponse<String> r = checker.send(HttpRequest.newBuilder(URI.create(c.http))
                    .method(c.method, HttpRequest.BodyPublishers.noBody())
                    .timeout(c.timeout)
                    .header("User-Agent", "Consul Health Check")
                    .build(), HttpResponse.BodyHandlers.ofString());
            int code = r.statusCode();
            status = code / 100 == 2 ? "passing" : code == 429 ? "warning" : "critical";
            output = "HTTP " + c.method + " " + c.http + ": " + code + " Output: " + abbreviate(r.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        } catch (IOException | RuntimeException e) {
            status = "critical";
            output = "Get \"" + c.http + "\": " + e;
        }
        lock.lock();
        try {
            if (closed || services.get(s.id) != s || s.check != c) {
                return;
            }
            c.output = output;
            if (!c.status.equals(status)) {
                c.status = status;
                c.criticalSinceNanos = status.equals("critical") ? System.nanoTime() : 0;
                touch(s.name);
                s.modifyIndex = index;
            }
        } finally {
            lock.unlock();
        }
    }

    private void reap() {
        lock.lock();
        try {
            long now = System.nanoTime();
            for (Iterator<Service> it = services.values().iterator(); it.hasNext(); ) {
                Service s = it.next();
                Check c = s.check;
                if (c == null || c.deregisterAfter == null || !c.status.equals("critical")) {
                    continue;
                }
                Duration after = c.deregisterAfter.compareTo(settings.minDeregisterCriticalAfter) < 0
                        ? settings.minDeregisterCriticalAfter : c.deregisterAfter;
                if (now - c.criticalSinceNanos >= after.toNanos()) {
                    it.remove();
                    s.cancelCheck();
                    touchService(s.name);
                }
            }
        } finally {
            lock.unlock();
        }
    }

    /** Bumps the raft index for a change of service {@code name}; wakes blocking queries. Holds the lock. */
    private void touch(String name) {
        index++;
        serviceIndex.put(name, index);
        changed.signalAll();
    }

    /** As {@link #touch}, for a change of the catalog's services (registered or gone), not of a check. */
    private void touchService(String name) {
        touch(name);
        catalogIndex = index;
    }

    private long indexOf(String name) {
        Long i = serviceIndex.get(name);
        return i != null ? i : index;
    }

    // ---------------------------------------------------------------- state

    private static final class Service {
        final String id;
        final String name;
        final List<String> tags;
        final String address;
        final int port;
        final Map<String, String> meta;
        final Check check;
        long createIndex;
        long modifyIndex;

        Service(String id, String name, List<String> tags, String address, int port, Map<String, String> meta,
                Check check) {
            this.id = id;
            this.name = name;
            this.tags = List.copyOf(tags);
            this.address = address;
            this.port = port;
            this.meta = Map.copyOf(meta);
            this.check = check;
        }

        void cancelCheck() {
            if (check != null && check.task != null) {
                check.task.cancel(true);
            }
        }

        ServiceView view() {
            return new ServiceView(id, name, tags, address, port, meta, check == null ? null : check.status,
                    check == null ? null : check.http, check == null ? null : check.intervalText,
                    check == null ? null : check.timeoutText, check == null ? null : check.deregisterText);
        }

        ObjectNode serviceJson() {
            ObjectNode svc = JSON.createObjectNode();
            svc.put("ID", id);
            svc.put("Service", name);
            ArrayNode t = svc.putArray("Tags");
            tags.forEach(t::add);
            svc.put("Address", address);
            ObjectNode m = svc.putObject("Meta");
            meta.forEach(m::put);
            svc.put("Port", port);
            ObjectNode w = svc.putObject("Weights");
            w.put("Passing", 1);
            w.put("Warning", 1);
            svc.put("EnableTagOverride", false);
            svc.put("CreateIndex", createIndex);
            svc.put("ModifyIndex", modifyIndex);
            return svc;
        }

        ObjectNode entry(String datacenter) {
            ObjectNode e = JSON.createObjectNode();
            ObjectNode node = e.putObject("Node");
            node.put("ID", NODE_ID);
            node.put("Node", NODE);
            node.put("Address", NODE_ADDRESS);
            node.put("Datacenter", datacenter);
            ObjectNode tagged = node.putObject("TaggedAddresses");
            tagged.put("lan", NODE_ADDRESS);
            tagged.put("wan", NODE_ADDRESS);
            node.putObject("Meta");
            node.put("CreateIndex", 1);
            node.put("ModifyIndex", 1);
            e.set("Service", serviceJson());
            ArrayNode checks = e.putArray("Checks");
            ObjectNode serf = checks.addObject();
            serf.put("Node", NODE);
            serf.put("CheckID", "serfHealth");
            serf.put("Name", "Serf Health Status");
            serf.put("Status", "passing");
            serf.put("Output", "Agent alive and reachable");
            serf.put("ServiceID", "");
            serf.put("ServiceName", "");
            if (check != null) {
                checks.add(check.json(this));
            }
            return e;
        }
    }

    private static final class Check {
        final String id;
        final String name;
        final String http;
        final String method;
        final Duration interval;
        final Duration timeout;
        final Duration deregisterAfter;
        final String intervalText;
        final String timeoutText;
        final String deregisterText;
        String status;
        String output = "";
        long criticalSinceNanos;
        ScheduledFuture<?> task;

        private Check(String id, String name, String http, String method, String intervalText, String timeoutText,
                String deregisterText, String status) {
            this.id = id;
            this.name = name;
            this.http = http;
            this.method = method;
            this.intervalText = intervalText;
            this.timeoutText = timeoutText;
            this.deregisterText = deregisterText;
            this.interval = GoDurations.parse(intervalText);
            this.timeout = timeoutText == null ? Duration.ofSeconds(10) : GoDurations.parse(timeoutText);
            this.deregisterAfter = deregisterText == null ? null : GoDurations.parse(deregisterText);
            this.status = status;
            this.criticalSinceNanos = status.equals("critical") ? System.nanoTime() : 0;
            if (interval.isNegative() || interval.isZero()) {
                throw new IllegalArgumentException("Interval must be > 0 for HTTP checks");
            }
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("Timeout must be > 0");
            }
        }

        static Check of(String serviceId, String serviceName, JsonNode c) {
            String http = c.path("HTTP").asText("");
            if (http.isEmpty()) {
                throw new IllegalArgumentException("the stand-in runs HTTP checks only (HTTP is empty)");
            }
            URI.create(http);
            String interval = c.path("Interval").asText("");
            if (interval.isEmpty()) {
                throw new IllegalArgumentException("Interval must be > 0 for Script, HTTP, H2PING, TCP or UDP checks");
            }
            String status = c.path("Status").asText("critical");
            if (!Set.of("passing", "warning", "critical").contains(status)) {
                throw new IllegalArgumentException("Status must be passing, warning or critical: " + status);
            }
            String id = c.path("CheckID").asText("");
            String name = c.path("Name").asText("");
            return new Check(id.isEmpty() ? "service:" + serviceId : id,
                    name.isEmpty() ? "Service '" + serviceName + "' check" : name, http,
                    c.path("Method").asText("GET").isEmpty() ? "GET" : c.path("Method").asText("GET"),
                    interval, c.hasNonNull("Timeout") ? c.get("Timeout").asText() : null,
                    c.hasNonNull("DeregisterCriticalServiceAfter") ? c.get("DeregisterCriticalServiceAfter").asText()
                            : null, status);
        }

        ObjectNode json(Service s) {
            ObjectNode j = JSON.createObjectNode();
            j.put("Node", NODE);
            j.put("CheckID", id);
            j.put("Name", name);
            j.put("Status", status);
            j.put("Notes", "");
            j.put("Output", output);
            j.put("ServiceID", s.id);
            j.put("ServiceName", s.name);
            ArrayNode t = j.putArray("ServiceTags");
            s.tags.forEach(t::add);
            j.put("Type", "http");
            return j;
        }
    }

    private static final class Answer {
        final int status;
        final String body;
        final boolean json;
        final Map<String, String> headers = new LinkedHashMap<>();

        private Answer(int status, String body, boolean json) {
            this.status = status;
            this.body = body;
            this.json = json;
        }

        static Answer json(int status, String body) {
            return new Answer(status, body, true);
        }

        static Answer text(int status, String body) {
            return new Answer(status, body, false);
        }
    }

    private static Answer notAllowed(String method) {
        return Answer.text(405, "method " + method + " not allowed");
    }

    private static String unknownField(JsonNode object, Set<String> known) {
        for (Iterator<String> it = object.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!known.contains(f)) {
                return f;
            }
        }
        return null;
    }

    private static String token(HttpExchange ex) {
        String t = ex.getRequestHeaders().getFirst("X-Consul-Token");
        if (t == null) {
            String auth = ex.getRequestHeaders().getFirst("Authorization");
            if (auth != null && auth.startsWith("Bearer ")) {
                t = auth.substring("Bearer ".length());
            }
        }
        return t;
    }

    private static Map<String, List<String>> parseQuery(String raw) {
        Map<String, List<String>> q = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return q;
        }
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            q.computeIfAbsent(k, x -> new ArrayList<>()).add(v);
        }
        return q;
    }

    private static String first(Map<String, List<String>> q, String name) {
        List<String> v = q.get(name);
        return v == null || v.isEmpty() ? null : v.get(0);
    }

    private static String decode(String rawSegment) {
        return URLDecoder.decode(rawSegment.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    private static String abbreviate(String s) {
        return s.length() <= 200 ? s : s.substring(0, 200);
    }

    /** Settings of a {@link ConsulStandIn}, Consul's own by default. */
    static final class Builder {
        private String datacenter = "dc1";
        private String token;
        private Duration reapInterval = Duration.ofSeconds(30);
        private Duration minDeregisterCriticalAfter = Duration.ofMinutes(1);
        private Duration defaultWait = Duration.ofMinutes(5);
        private Duration maxWait = Duration.ofMinutes(10);

        /** Requests must carry this ACL token. */
        Builder requireToken(String token) {
            this.token = token;
            return this;
        }

        /** How often the reaper looks for services critical too long (Consul: 30 s). */
        Builder reapInterval(Duration d) {
            this.reapInterval = d;
            return this;
        }

        /** The shortest DeregisterCriticalServiceAfter honoured (Consul: 1 min). */
        Builder minDeregisterCriticalAfter(Duration d) {
            this.minDeregisterCriticalAfter = d;
            return this;
        }

        /** The datacenter's name (Consul's default: dc1). */
        Builder datacenter(String dc) {
            this.datacenter = dc;
            return this;
        }

        ConsulStandIn start() throws IOException {
            return new ConsulStandIn(this);
        }
    }
}
