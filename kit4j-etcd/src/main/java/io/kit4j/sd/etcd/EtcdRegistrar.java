package io.kit4j.sd.etcd;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.lease.LeaseKeepAliveResponse;
import io.etcd.jetcd.options.LeaseOption;
import io.etcd.jetcd.options.PutOption;
import io.etcd.jetcd.support.CloseableClient;
import io.grpc.stub.StreamObserver;
import io.kit4j.log.Logger;
import io.kit4j.sd.Registrar;
import io.kit4j.sd.ServiceInstance;
import io.kit4j.sd.lb.Backoff;
import io.kit4j.time.Durations;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Registers one instance in etcd the way go-kit's {@code sd/etcdv3} registrar does: the key
 * {@code <prefix>/<service>/<id>} holds the address {@code host:port}, attached to a lease of the
 * configured TTL that is kept alive for as long as the instance is registered. If the process dies, the
 * keep-alives stop and etcd deletes the key when the lease expires.
 *
 * <p>{@link #register()} grants the lease and writes the key on the caller's thread (bounded by the
 * configured timeout), then a background thread watches the keep-alive. When keep-alive fails, the
 * thread asks etcd whether the lease still lives: if it does (a connection hiccup, or etcd restarted
 * within the TTL), keep-alive resumes on the same lease; if it is gone (expired while etcd was
 * unreachable, or revoked), the instance is registered again under a new lease. Calls that fail are
 * retried with capped exponential backoff. Failures are logged, never thrown.
 *
 * <p>{@link #deregister()} stops the keep-alive and revokes the lease, which deletes the key (go-kit
 * deletes the key; revoking removes only what this registrar wrote, so an instance that re-registered
 * the same id elsewhere keeps its key). Tags, metadata and the health check of the instance are not
 * written: the value is the bare address, as go-kit writes it, and liveness is the lease.
 */
public final class EtcdRegistrar implements Registrar {
    private static final Backoff BACKOFF = Backoff.exponential(Duration.ofMillis(100), Duration.ofSeconds(2));

    private final Client client;
    private final BooleanSupplier registryClosed;
    private final EtcdConfig config;
    private final Logger logger;
    private final String key;
    private final String address;
    private final ByteSequence keyBytes;
    private final ByteSequence valueBytes;
    private final ReentrantLock lifecycle = new ReentrantLock();
    private final Signal signal = new Signal();
    private final AtomicLong keepAliveGeneration = new AtomicLong();
    private volatile boolean running;
    private Thread supervisor;
    // Written by register()/deregister() while no supervisor runs, by the supervisor otherwise.
    private volatile long leaseId;
    private CloseableClient keepAlive;

    EtcdRegistrar(Client client, EtcdConfig config, ServiceInstance instance, Logger logger,
            BooleanSupplier registryClosed) {
        this.client = client;
        this.registryClosed = registryClosed;
        this.config = config;
        this.key = config.instanceKey(instance);
        this.address = instance.address();
        this.logger = logger.with("key", key);
        this.keyBytes = ByteSequence.from(key, StandardCharsets.UTF_8);
        this.valueBytes = ByteSequence.from(address, StandardCharsets.UTF_8);
    }

    /** The key this registrar writes: {@code <prefix>/<service>/<id>}. */
    public String key() {
        return key;
    }

    /** The lease the key is attached to now, or 0 when not registered. For diagnostics and tests. */
    public long leaseId() {
        return leaseId;
    }

    /**
     * Grants a lease, writes the key and starts keeping the lease alive; a no-op when registered. When
     * etcd cannot be reached, logs the error and keeps trying in the background.
     *
     * @throws IllegalStateException when the registry is closed
     */
    @Override
    public void register() {
        lifecycle.lock();
        try {
            if (running) {
                return;
            }
            if (registryClosed.getAsBoolean()) {
                throw new IllegalStateException("etcd registry is closed");
            }
            running = true;
            grantAndPut("register");
            supervisor = Thread.ofVirtual().name("kit4j-etcd-registrar " + key).start(this::supervise);
        } finally {
            lifecycle.unlock();
        }
    }

    /** Stops keeping the lease alive and revokes it, which deletes the key; a no-op when not registered. */
    @Override
    public void deregister() {
        lifecycle.lock();
        try {
            if (!running) {
                return;
            }
            running = false;
            signal.raise();
            joinSupervisor();
            closeKeepAlive();
            if (leaseId != 0) {
                long id = leaseId;
                leaseId = 0;
                try {
                    Calls.await(client.getLeaseClient().revoke(id), config.timeout(), "lease revoke");
                    logger.log("action", "deregister", "lease", Long.toHexString(id));
                } catch (Exception e) {
                    logger.log("action", "deregister", "lease", Long.toHexString(id), "err", e,
                            "msg", "revoke failed; the key goes when the lease expires");
                }
            }
        } finally {
            lifecycle.unlock();
        }
    }

    private void joinSupervisor() {
        Thread t = supervisor;
        supervisor = null;
        if (t == null || t == Thread.currentThread()) {
            return;
        }
        try {
            if (!t.join(config.timeout().multipliedBy(3))) {
                logger.log("msg", "registrar thread did not stop in time");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void supervise() {
        int failures = 0;
        while (running) {
            boolean ok;
            if (leaseId == 0) {
                ok = grantAndPut("register");
            } else if (keepAlive == null) {
                ok = resumeOrForget();
            } else {
                signal.await();
                if (running) {
                    closeKeepAlive();
                }
                continue;
            }
            if (ok) {
                failures = 0;
            } else {
                failures++;
                signal.await(BACKOFF.delay(failures));
            }
        }
    }

    /** Grants a new lease, writes the key with it and keeps it alive. False when etcd refused or failed. */
    private boolean grantAndPut(String action) {
        long id = 0;
        try {
            id = Calls.await(client.getLeaseClient().grant(config.ttl().toSeconds()), config.timeout(),
                    "lease grant").getID();
            Calls.await(client.getKVClient().put(keyBytes, valueBytes, PutOption.builder().withLeaseId(id).build()),
                    config.timeout(), "put");
        } catch (Exception e) {
            logger.log("action", action, "err", e);
            if (id != 0) {
                client.getLeaseClient().revoke(id); // best effort: an unused lease would expire anyway
            }
            return false;
        }
        leaseId = id;
        startKeepAlive();
        logger.log("action", action, "value", address, "lease", Long.toHexString(id), "ttl", Durations.format(config.ttl()));
        return true;
    }

    /**
     * After keep-alive failed: resumes it if the lease still lives, forgets the lease if etcd says it is
     * gone (the next round registers again). False when etcd could not be asked.
     */
    private boolean resumeOrForget() {
        try {
            long ttl = Calls.await(client.getLeaseClient().timeToLive(leaseId, LeaseOption.DEFAULT),
                    config.timeout(), "lease time-to-live").getTTL();
            if (ttl > 0) {
                startKeepAlive();
                logger.log("msg", "keep-alive resumed", "lease", Long.toHexString(leaseId), "ttl_left", ttl + "s");
            } else {
                logger.log("msg", "lease lost; registering again", "lease", Long.toHexString(leaseId));
                leaseId = 0;
            }
            return true;
        } catch (Exception e) {
            if (Calls.isLeaseNotFound(e)) {
                logger.log("msg", "lease lost; registering again", "lease", Long.toHexString(leaseId));
                leaseId = 0;
                return true;
            }
            logger.log("msg", "cannot check the lease", "lease", Long.toHexString(leaseId), "err", e);
            return false;
        }
    }

    private void startKeepAlive() {
        long generation = keepAliveGeneration.incrementAndGet();
        keepAlive = client.getLeaseClient().keepAlive(leaseId, new StreamObserver<>() {
            @Override
            public void onNext(LeaseKeepAliveResponse response) {
            }

            @Override
            public void onError(Throwable t) {
                troubled(generation, t);
            }

            @Override
            public void onCompleted() {
                troubled(generation, null);
            }
        });
    }

    /** Wakes the supervisor once per keep-alive: later news from the same (or an older) one are dropped. */
    private void troubled(long generation, Throwable t) {
        if (!running || !keepAliveGeneration.compareAndSet(generation, generation + 1)) {
            return;
        }
        logger.log("msg", "keep-alive interrupted", "err", t == null ? "no keep-alive answer within the TTL" : t);
        signal.raise();
    }

    private void closeKeepAlive() {
        keepAliveGeneration.incrementAndGet();
        CloseableClient k = keepAlive;
        keepAlive = null;
        if (k != null) {
            k.close();
        }
    }

    @Override
    public String toString() {
        return "EtcdRegistrar[" + key + " = " + address + "]";
    }
}
