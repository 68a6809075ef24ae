package io.kit4j.errors;

import java.util.List;
import java.util.Map;

/**
 * Something that carries headers to add to the wire message: go-kit's {@code Headerer}.
 * Checked on errors and responses by the encoders, and on client requests by the request encoders.
 */
public interface HasHeaders {

    /** Header names to values; each value is added, not set. */
    Map<String, List<String>> headers();
}
