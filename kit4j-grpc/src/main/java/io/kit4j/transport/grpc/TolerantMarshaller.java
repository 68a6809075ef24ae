package io.kit4j.transport.grpc;

import io.grpc.MethodDescriptor;
import java.io.InputStream;

/**
 * Wraps a method's request marshaller so that bytes it cannot parse become a {@link BadMessage} instead
 * of an exception inside grpc-java (which answers those with {@code UNKNOWN}).
 */
final class TolerantMarshaller<T> implements MethodDescriptor.Marshaller<Object> {
    private final MethodDescriptor.Marshaller<T> inner;

    TolerantMarshaller(MethodDescriptor.Marshaller<T> inner) {
        this.inner = inner;
    }

    @Override
    @SuppressWarnings("unchecked")
    public InputStream stream(Object value) {
        return inner.stream((T) value);
    }

    @Override
    public Object parse(InputStream stream) {
        try {
            return inner.parse(stream);
        } catch (RuntimeException e) {
            return new BadMessage(e);
        }
    }

    /** {@code method} with this marshaller for requests. */
    static <Q, R> MethodDescriptor<Object, R> wrap(MethodDescriptor<Q, R> method) {
        return method.toBuilder(new TolerantMarshaller<>(method.getRequestMarshaller()), method.getResponseMarshaller())
                .build();
    }
}
