package io.kit4j.examples.getname;

import io.kit4j.endpoint.Endpoint;
import io.kit4j.tracing.Tracing;
import io.kit4j.transport.http.ClientEndpoint;
import io.kit4j.transport.http.JsonCodec;
import java.net.URI;
import java.time.Duration;

/**
 * GetName answered by another service over HTTP: the downstream hop of the tracing example
 * ({@code client → userservice → namesvc}). The user service's GetName endpoint becomes this client of
 * {@code GET /user/{uid}} on the downstream instance, traced with the {@link Tracing}'s client hooks so the
 * downstream's spans join the caller's trace.
 */
public final class Downstream {
    private Downstream() {
    }

    /** The GetName endpoint calling {@code base}; {@code tracing} may be null (no spans, no headers). */
    public static Endpoint<GetName.Request, GetName.Response> getName(URI base, Tracing tracing) {
        ClientEndpoint.Builder<GetName.Request, GetName.Response> b = ClientEndpoint.<GetName.Request, GetName.Response>builder(
                "GET", base, (ctx, req, r) -> req.path("/user/" + r.uid()),
                JsonCodec.defaults().responseDecoder(GetName.Response.class)).timeout(Duration.ofSeconds(5));
        return (tracing == null ? b : tracing.httpClient().apply(b)).build();
    }
}
