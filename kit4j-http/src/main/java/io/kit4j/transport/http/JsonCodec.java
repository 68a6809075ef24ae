package io.kit4j.transport.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.deser.std.NumberDeserializers;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.util.JsonRecyclerPools;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.kit4j.endpoint.Failer;
import io.kit4j.errors.ErrorCode;
import io.kit4j.errors.HasHeaders;
import io.kit4j.errors.HasStatus;
import io.kit4j.errors.KitError;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * JSON request decoders and response encoders on Jackson, strict by default: wrong types are errors (no
 * {@code "12"} for a number, no {@code 12} for a string, no {@code 1.5} for an integer), as are duplicate
 * keys, trailing data and nesting deeper than 64 levels. As in Go's {@code encoding/json}, unknown fields
 * are ignored and a missing or {@code null} primitive field is zero. Request bodies must be valid UTF-8
 * (RFC 8259 §8.1: no overlong forms, no encoded surrogates, no UTF-16 or UTF-32), and a floating-point
 * field refuses a number too large for it ({@code 1e400} is an error, not infinity). Every
 * decode failure is a 400 {@link KitError} that names the field and what was expected.
 */
public final class JsonCodec {
    private static final JsonCodec DEFAULT = new JsonCodec(strictMapper());

    private final ObjectMapper mapper;

    private JsonCodec(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** The shared codec over {@link #strictMapper()}. */
    public static JsonCodec defaults() {
        return DEFAULT;
    }

    /** A codec over the caller's own mapper. */
    public static JsonCodec of(ObjectMapper mapper) {
        return new JsonCodec(Objects.requireNonNull(mapper));
    }

    /**
     * A new mapper with kit4j's strict settings, to customise and pass to {@link #of}. Its buffers are pooled
     * for every thread to reuse (Jackson's default keeps them per thread, and a request's virtual thread
     * never comes back for them).
     */
    public static ObjectMapper strictMapper() {
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(64).build())
                .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                // Jackson's default pool keeps its buffers per thread: with a virtual thread per request
                // that is a new recycler, its buffers and a thread-local entry for every request, reused never.
                .recyclerPool(JsonRecyclerPools.newConcurrentDequePool())
                .build();
        return JsonMapper.builder(factory)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
                .addModule(new SimpleModule("kit4j-finite-numbers")
                        .addDeserializer(Double.class, new FiniteDeserializer<>(Double.class))
                        .addDeserializer(double.class, new FiniteDeserializer<>(double.class))
                        .addDeserializer(Float.class, new FiniteDeserializer<>(Float.class))
                        .addDeserializer(float.class, new FiniteDeserializer<>(float.class)))
                .withCoercionConfig(LogicalType.Textual, cfg -> cfg
                        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
                .build();
    }

    /** The mapper this codec uses. */
    public ObjectMapper mapper() {
        return mapper;
    }

    /** A decoder reading the request body as {@code type}; a {@code null} body is a 400. */
    public <T> RequestDecoder<T> decoder(Class<T> type) {
        return (ctx, request) -> readRequired(request.body(), type);
    }

    /** Reads {@code type} from {@code in} like {@link #read(InputStream, Class)}; a JSON {@code null} is a 400. */
    public <T> T readRequired(InputStream in, Class<T> type) {
        T value = read(in, type);
        if (value == null) {
            throw KitError.invalidArgument("request body must not be null");
        }
        return value;
    }

    /**
     * go-kit's {@code EncodeJSONResponse}: {@code application/json; charset=utf-8}, the status of a
     * {@link HasStatus} response (else 200), the headers of a {@link HasHeaders} response, no body for 204.
     * A {@link Failer} response that failed is answered as its error instead.
     */
    public ResponseEncoder<Object> encoder() {
        return (ctx, response, value) -> write(response, value, 200);
    }

    /** Like {@link #encoder()} with {@code status} as the success status (for example 201). */
    public ResponseEncoder<Object> encoder(int status) {
        return (ctx, response, value) -> write(response, value, status);
    }

    /** A client request encoder writing {@code value} as a JSON body. */
    public RequestEncoder<Object> requestEncoder() {
        return (ctx, request, value) -> request.body(mapper.writeValueAsBytes(value), JsonErrorEncoder.JSON_UTF8);
    }

    /**
     * A client response decoder reading a 2xx body as {@code type}. Any other status is turned back into
     * the {@link KitError} the server described in its {@code {"error", "code"}} body, so the caller sees
     * the same typed error the server threw.
     */
    public <T> ResponseDecoder<T> responseDecoder(Class<T> type) {
        return (ctx, response) -> {
            if (!response.isSuccess()) {
                throw errorOf(response);
            }
            return mapper.readValue(response.body(), type);
        };
    }

    /** The {@link KitError} an error answer stands for: its code and message when the body says them. */
    public KitError errorOf(ClientResponse response) {
        ErrorCode code = ErrorCode.forStatus(response.status());
        String message = "HTTP " + response.status();
        try {
            var node = mapper.readTree(response.body());
            if (node != null && node.hasNonNull("error")) {
                message = node.get("error").asText();
            }
            if (node != null && node.hasNonNull("code")) {
                for (ErrorCode c : ErrorCode.values()) {
                    if (c.id().equals(node.get("code").asText()) && c.status() == response.status()) {
                        code = c;
                    }
                }
            }
        } catch (IOException | RuntimeException ignored) {
            // not a kit4j error body: keep the status-derived code
        }
        if (code.status() != response.status()) {
            return new KitError(code, message + " (HTTP " + response.status() + ")");
        }
        return new KitError(code, message);
    }

    /**
     * Reads {@code type} from {@code in} (a request body: read whole, at most the server's body limit),
     * mapping every failure to a 400 that says what is wrong.
     */
    public <T> T read(InputStream in, Class<T> type) {
        byte[] bytes;
        try {
            bytes = in.readAllBytes();
        } catch (IOException e) {
            throw new KitError(ErrorCode.INVALID_ARGUMENT, "could not read the request body", e);
        }
        return read(bytes, type);
    }

    /** Reads {@code type} from {@code bytes}, which must be UTF-8, mapping every failure to a 400. */
    public <T> T read(byte[] bytes, Class<T> type) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw KitError.invalidArgument("malformed JSON: the body is not valid UTF-8" + utf8ErrorAt(bytes));
        }
        try {
            return mapper.readValue(text, type);
        } catch (IOException e) {
            throw decodeError(e);
        }
    }

    private static String utf8ErrorAt(byte[] bytes) {
        CharsetDecoder d = StandardCharsets.UTF_8.newDecoder();
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CoderResult r = d.decode(in, CharBuffer.allocate(bytes.length + 1), true);
        return r.isError() ? " (at byte " + in.position() + ")" : "";
    }

    /** Deserializes a floating-point value as Jackson does, refusing results that are not finite. */
    private static final class FiniteDeserializer<T> extends StdScalarDeserializer<T> {
        private static final long serialVersionUID = 1L;
        private final transient JsonDeserializer<?> standard;

        FiniteDeserializer(Class<T> type) {
            super(type);
            this.standard = NumberDeserializers.find(type, type.getName());
        }

        @Override
        public T deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            @SuppressWarnings("unchecked")
            T value = (T) standard.deserialize(p, ctxt);
            if (value instanceof Number n && (p.currentToken() == JsonToken.VALUE_NUMBER_FLOAT
                    || p.currentToken() == JsonToken.VALUE_NUMBER_INT) && !Double.isFinite(n.doubleValue())) {
                throw new InputCoercionException(p, "Numeric value out of range of " + handledType().getSimpleName(),
                        p.currentToken(), handledType());
            }
            return value;
        }

        @Override
        @SuppressWarnings("unchecked")
        public T getNullValue(DeserializationContext ctxt) throws JsonMappingException {
            return (T) standard.getNullValue(ctxt);
        }
    }

    /** Serialises {@code value}, newline-terminated as Go's {@code json.Encoder} writes it. */
    public byte[] write(Object value) {
        try {
            byte[] json = mapper.writeValueAsBytes(value);
            byte[] out = java.util.Arrays.copyOf(json, json.length + 1);
            out[json.length] = '\n';
            return out;
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void write(ServerResponse response, Object value, int status) throws Exception {
        if (value instanceof Failer f && f.failed() != null) {
            Throwable t = f.failed();
            if (t instanceof Exception e) {
                throw e;
            }
            throw new IllegalStateException(t);
        }
        response.contentType(JsonErrorEncoder.JSON_UTF8);
        if (value instanceof HasHeaders h) {
            for (Map.Entry<String, List<String>> e : h.headers().entrySet()) {
                for (String v : e.getValue()) {
                    response.addHeader(e.getKey(), v);
                }
            }
        }
        int code = value instanceof HasStatus s ? s.status() : status;
        response.status(code);
        if (code != 204) {
            response.write(write(value));
        }
    }

    private static RuntimeException decodeError(IOException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof KitError k) {
                return k;
            }
        }
        return new KitError(ErrorCode.INVALID_ARGUMENT, describe(e), e);
    }

    private static String describe(IOException e) {
        if (e instanceof StreamConstraintsException) {
            return "invalid JSON: " + e.getMessage().replaceAll("\\s*\\(.*", "").toLowerCase(java.util.Locale.ROOT);
        }
        if (e instanceof InputCoercionException ic) {
            String field = e instanceof JsonMappingException m ? field(m) : null;
            return "invalid JSON: number out of range" + (field != null ? " for field \"" + field + "\"" : "")
                    + at(ic.getLocation());
        }
        if (e instanceof MismatchedInputException m) {
            String field = field(m);
            String original = m.getOriginalMessage() == null ? "" : m.getOriginalMessage();
            if (original.startsWith("Trailing token")) {
                return "invalid JSON: unexpected data after the JSON value" + at(m.getLocation());
            }
            if (field == null && original.startsWith("No content to map")) {
                return "request body is empty: a JSON value is required";
            }
            String expected = expected(m.getTargetType());
            if (field == null) {
                return "invalid JSON: expected " + expected + " as the body";
            }
            return "invalid JSON: field \"" + field + "\" must be " + expected;
        }
        if (e instanceof JsonMappingException m) {
            Throwable cause = m.getCause();
            if (cause instanceof InputCoercionException ic) {
                String field = field(m);
                return "invalid JSON: number out of range" + (field != null ? " for field \"" + field + "\"" : "")
                        + at(ic.getLocation());
            }
            String field = field(m);
            return "invalid JSON" + (field != null ? ": bad value for field \"" + field + "\"" : "");
        }
        if (e instanceof JsonProcessingException p) {
            String msg = p.getOriginalMessage();
            if (msg != null && msg.startsWith("Duplicate field")) {
                return "invalid JSON: " + msg.replace("Duplicate field", "duplicate field") + at(p.getLocation());
            }
            return "malformed JSON" + at(p.getLocation());
        }
        return "could not read the request body";
    }

    private static String field(JsonMappingException m) {
        StringBuilder b = new StringBuilder();
        for (JsonMappingException.Reference r : m.getPath()) {
            if (r.getFieldName() != null) {
                if (!b.isEmpty()) {
                    b.append('.');
                }
                b.append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                b.append('[').append(r.getIndex()).append(']');
            }
        }
        return b.isEmpty() ? null : b.toString();
    }

    private static String expected(Class<?> t) {
        if (t == null) {
            return "a valid value";
        }
        if (t == int.class || t == Integer.class || t == long.class || t == Long.class || t == short.class
                || t == Short.class || t == byte.class || t == Byte.class || t == java.math.BigInteger.class) {
            return "an integer";
        }
        if (t == double.class || t == Double.class || t == float.class || t == Float.class
                || t == java.math.BigDecimal.class) {
            return "a number";
        }
        if (t == boolean.class || t == Boolean.class) {
            return "a boolean";
        }
        if (t == String.class) {
            return "a string";
        }
        if (t.isArray() || java.util.Collection.class.isAssignableFrom(t)) {
            return "an array";
        }
        return "an object";
    }

    private static String at(JsonLocation loc) {
        if (loc == null || loc.getLineNr() < 0) {
            return "";
        }
        return " at line " + loc.getLineNr() + ", column " + loc.getColumnNr();
    }

}
