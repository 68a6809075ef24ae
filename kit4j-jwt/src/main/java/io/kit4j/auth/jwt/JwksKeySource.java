package io.kit4j.auth.jwt;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jose.util.Resource;
import io.kit4j.errors.ErrorCode;
import io.kit4j.errors.KitError;
import io.kit4j.log.Logger;
import io.kit4j.time.Clock;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Keys from a JWK Set URL (an identity provider's {@code jwks_uri}), cached and rotated.
 *
 * <ul>
 *   <li>The set is fetched on first use and again once it is older than the cache TTL (default 5 min).</li>
 *   <li>A token whose {@code kid} is not in the cached set triggers a refetch at once (the issuer may have
 *       rotated its keys), but at most once per minimum refetch interval (default 30 s), so a flood of
 *       tokens with made-up key ids costs the identity provider one request per interval, not one each.</li>
 *   <li>A failed fetch keeps the last good set (stale keys beat no keys while the provider is down) and
 *       counts as an attempt for the interval; with no set at all the call fails with a 503 (the service
 *       cannot check tokens, which is not the caller's fault).</li>
 *   <li>Fetches have connect and read timeouts and a size limit; only one runs at a time.</li>
 * </ul>
 *
 * <p>All ages are measured on the given {@link Clock}, so tests drive expiry and rate limits exactly.
 * Fetching and parsing are Nimbus's ({@code DefaultResourceRetriever}, {@code JWKSet.parse}); the cache
 * and the rotation policy are kit4j's, because Nimbus's caching sources read the system clock.
 */
public final class JwksKeySource implements KeySource {
    private final URI uri;
    private final Clock clock;
    private final long ttlNanos;
    private final long minIntervalNanos;
    private final DefaultResourceRetriever retriever;
    private final Logger logger;
    private final Object fetchLock = new Object();
    private final AtomicLong fetches = new AtomicLong();

    private volatile Snapshot current;
    private volatile long lastAttemptNanos;
    private volatile boolean attempted;

    private record Snapshot(List<JwtKey> keys, long fetchedNanos) {
    }

    private JwksKeySource(Builder b) {
        this.uri = b.uri;
        this.clock = b.clock;
        this.ttlNanos = b.cacheTtl.toNanos();
        this.minIntervalNanos = b.minRefetchInterval.toNanos();
        this.retriever = new DefaultResourceRetriever((int) b.timeout.toMillis(), (int) b.timeout.toMillis(), b.maxBytes);
        this.logger = b.logger;
    }

    /** A builder for the JWK Set at {@code uri}. */
    public static Builder builder(URI uri) {
        return new Builder(uri);
    }

    @Override
    public List<JwtKey> keysFor(String kid, Algorithm alg) {
        long now = clock.nanoTime();
        Snapshot s = current;
        if (s == null || now - s.fetchedNanos() >= ttlNanos) {
            s = refresh(now, s, false);
        }
        List<JwtKey> found = KeySource.select(s.keys(), kid, alg);
        if (found.isEmpty() && kid != null) {
            s = refresh(now, s, true);
            found = KeySource.select(s.keys(), kid, alg);
        }
        return found;
    }

    /** How many fetches were attempted (for tests and metrics). */
    public long fetchCount() {
        return fetches.get();
    }

    private Snapshot refresh(long now, Snapshot seen, boolean unknownKid) {
        synchronized (fetchLock) {
            Snapshot s = current;
            if (s != seen && s != null) {
                return s; // another thread fetched while we waited
            }
            if (attempted && now - lastAttemptNanos < minIntervalNanos) {
                if (s == null) {
                    throw unavailable(null);
                }
                return s;
            }
            attempted = true;
            lastAttemptNanos = now;
            fetches.incrementAndGet();
            try {
                Resource r = retriever.retrieveResource(uri.toURL());
                List<JwtKey> keys = new ArrayList<>();
                for (JWK jwk : JWKSet.parse(r.getContent()).getKeys()) {
                    try {
                        keys.add(JwtKey.fromNimbus(jwk));
                    } catch (IllegalArgumentException e) {
                        logger.log("msg", "skipping unusable JWK", "kid", jwk.getKeyID(), "err", e.getMessage());
                    }
                }
                Snapshot fresh = new Snapshot(List.copyOf(keys), now);
                current = fresh;
                return fresh;
            } catch (Exception e) {
                logger.log("msg", "cannot fetch JWK Set", "uri", uri.toString(), "unknown_kid", unknownKid,
                        "err", e.toString());
                if (s == null) {
                    throw unavailable(e);
                }
                return s;
            }
        }
    }

    private static KitError unavailable(Throwable cause) {
        return new KitError(ErrorCode.UNAVAILABLE, "token signing keys are unavailable", cause);
    }

    /** Options of a {@link JwksKeySource}. */
    public static final class Builder {
        private final URI uri;
        private Clock clock = Clock.system();
        private Duration cacheTtl = Duration.ofMinutes(5);
        private Duration minRefetchInterval = Duration.ofSeconds(30);
        private Duration timeout = Duration.ofSeconds(5);
        private int maxBytes = 256 * 1024;
        private Logger logger = Logger.nop();

        private Builder(URI uri) {
            this.uri = Objects.requireNonNull(uri, "uri");
        }

        /** The clock that ages the cache. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock);
            return this;
        }

        /** How long a fetched set is used before it is fetched again. Default 5 minutes. */
        public Builder cacheTtl(Duration ttl) {
            this.cacheTtl = Objects.requireNonNull(ttl);
            return this;
        }

        /** The least time between two fetches, whatever asks for them. Default 30 s. */
        public Builder minRefetchInterval(Duration interval) {
            this.minRefetchInterval = Objects.requireNonNull(interval);
            return this;
        }

        /** Connect and read timeout of a fetch. Default 5 s. */
        public Builder timeout(Duration timeout) {
            this.timeout = Objects.requireNonNull(timeout);
            return this;
        }

        /** The largest JWK Set document accepted. Default 256 KiB. */
        public Builder maxBytes(int bytes) {
            this.maxBytes = bytes;
            return this;
        }

        /** Where fetch failures are logged. Default: nowhere. */
        public Builder logger(Logger logger) {
            this.logger = Objects.requireNonNull(logger);
            return this;
        }

        /** The key source. */
        public JwksKeySource build() {
            return new JwksKeySource(this);
        }
    }
}
