package io.kit4j.sd.consul;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.kit4j.sd.HealthCheck;
import io.kit4j.sd.ServiceInstance;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The body of Consul's {@code PUT /v1/agent/service/register}: the fields of {@code api.AgentServiceRegistration}
 * that kit4j sends. Null fields are left out, so the agent applies its defaults (no Address: clients use
 * the node's address).
 *
 * @param id the service ID, unique on the agent ({@code ID})
 * @param name the service name ({@code Name})
 * @param tags the tags ({@code Tags})
 * @param address the address clients connect to, or null for the node's ({@code Address})
 * @param port the port ({@code Port})
 * @param meta free-form metadata ({@code Meta})
 * @param check the health check, or null for none ({@code Check})
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ServiceRegistration(
        @JsonProperty("ID") String id,
        @JsonProperty("Name") String name,
        @JsonProperty("Tags") List<String> tags,
        @JsonProperty("Address") String address,
        @JsonProperty("Port") int port,
        @JsonProperty("Meta") Map<String, String> meta,
        @JsonProperty("Check") Check check) {

    /** Validates and copies. */
    public ServiceRegistration {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        tags = tags == null ? List.of() : List.copyOf(tags);
        meta = meta == null ? Map.of() : Map.copyOf(meta);
    }

    /**
     * The registration of {@code instance}: its id, name, tags, host as Address, port, metadata as Meta,
     * and its {@link HealthCheck} (if any) as an HTTP check on {@code http://host:port<path>}.
     */
    public static ServiceRegistration of(ServiceInstance instance) {
        HealthCheck hc = instance.healthCheck();
        Check check = hc == null ? null : Check.http("http://" + instance.address() + hc.path(), hc);
        return new ServiceRegistration(instance.id(), instance.name(), instance.tags(), instance.host(),
                instance.port(), instance.metadata(), check);
    }

    /**
     * An HTTP check of a service ({@code api.AgentServiceCheck}): Consul sends {@code Method} to
     * {@code HTTP} every {@code Interval}; a 2xx answer passes, 429 warns, anything else (or no answer
     * within {@code Timeout}) is critical. A service whose check stays critical for
     * {@code DeregisterCriticalServiceAfter} is deregistered (Consul treats less than one minute as
     * one minute and reaps every 30 s). Durations are Go strings such as {@code 10s}.
     *
     * @param http the URL to check ({@code HTTP})
     * @param method the HTTP method ({@code Method})
     * @param interval time between checks ({@code Interval})
     * @param timeout time one check may take ({@code Timeout})
     * @param deregisterCriticalServiceAfter time critical before removal ({@code DeregisterCriticalServiceAfter})
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Check(
            @JsonProperty("HTTP") String http,
            @JsonProperty("Method") String method,
            @JsonProperty("Interval") String interval,
            @JsonProperty("Timeout") String timeout,
            @JsonProperty("DeregisterCriticalServiceAfter") String deregisterCriticalServiceAfter) {

        /** {@code GET url} on the schedule of {@code hc}. */
        public static Check http(String url, HealthCheck hc) {
            return new Check(url, "GET", GoDurations.format(hc.interval()), GoDurations.format(hc.timeout()),
                    GoDurations.format(hc.deregisterCriticalAfter()));
        }
    }
}
