package io.kit4j.sd.consul;

import io.kit4j.log.Logger;
import io.kit4j.sd.Registrar;
import java.util.Objects;

/**
 * Registers one service with the local Consul agent and deregisters it: go-kit's
 * {@code sd/consul.Registrar}. {@link #register()} is {@code PUT /v1/agent/service/register} with the
 * {@link ServiceRegistration} (its HTTP check makes Consul watch the instance: no heartbeat is sent from
 * here); {@link #deregister()} is {@code PUT /v1/agent/service/deregister/<id>}. Each logs
 * {@code action=register} / {@code action=deregister} or {@code err}, and never throws.
 */
public final class ConsulRegistrar implements Registrar {
    private final ConsulClient client;
    private final ServiceRegistration registration;
    private final Logger logger;
    private volatile boolean registered;

    /** A registrar of {@code registration} through {@code client}, logging to {@code logger}. */
    public ConsulRegistrar(ConsulClient client, ServiceRegistration registration, Logger logger) {
        this.client = Objects.requireNonNull(client, "client");
        this.registration = Objects.requireNonNull(registration, "registration");
        this.logger = logger.with("service", registration.name(), "tags", registration.tags().toString(),
                "address", registration.address() == null ? "" : registration.address());
    }

    /** What this registrar registers. */
    public ServiceRegistration registration() {
        return registration;
    }

    /** True between a {@link #register()} and the next {@link #deregister()} (whatever Consul answered). */
    public boolean isRegistered() {
        return registered;
    }

    @Override
    public void register() {
        registered = true;
        try {
            client.register(registration);
            logger.log("action", "register");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            logger.log("err", e, "action", "register");
        } catch (Exception e) {
            logger.log("err", e, "action", "register");
        }
    }

    @Override
    public void deregister() {
        registered = false;
        try {
            client.deregister(registration.id());
            logger.log("action", "deregister");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            logger.log("err", e, "action", "deregister");
        } catch (Exception e) {
            logger.log("err", e, "action", "deregister");
        }
    }
}
