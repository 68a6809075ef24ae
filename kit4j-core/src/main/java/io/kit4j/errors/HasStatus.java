package io.kit4j.errors;

/**
 * Something that knows the HTTP status it stands for: go-kit's {@code StatusCoder}.
 *
 * <p>Transports look for it on errors (the error encoder uses it) and on responses (the JSON encoder
 * uses it as the success status).
 */
public interface HasStatus {

    /** The HTTP status code, for example 404. */
    int status();
}
