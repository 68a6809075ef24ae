package io.kit4j.sd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.kit4j.endpoint.Endpoint;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SmallTypesTest {

    @Test
    void aClosableEndpointWithoutCloserClosesToNothing() throws Exception {
        Endpoint<String, String> e = (ctx, q) -> q;
        ClosableEndpoint<String, String> plain = ClosableEndpoint.of(e);
        assertSame(e, plain.endpoint());
        plain.closer().close();
        List<String> closed = new ArrayList<>();
        ClosableEndpoint.of(e, () -> closed.add("closed")).closer().close();
        assertEquals(List.of("closed"), closed);
        assertThrows(NullPointerException.class, () -> ClosableEndpoint.of(null));
    }

    @Test
    void closingARegistrarDeregistersIt() {
        List<String> calls = new ArrayList<>();
        Registrar r = new Registrar() {
            @Override
            public void register() {
                calls.add("register");
            }

            @Override
            public void deregister() {
                calls.add("deregister");
            }
        };
        try (r) {
            r.register();
        }
        assertEquals(List.of("register", "deregister"), calls);
    }
}
