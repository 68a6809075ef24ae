package io.kit4j.auth.jwt;

import java.util.List;

/**
 * Where a {@link JwtVerifier} finds the keys that may have signed a token: go-kit's {@code Keyfunc}, minus
 * the algorithm check, which the verifier has already done.
 *
 * <p>Given the token's key id and the verifier's pinned algorithm, answer the keys to try: those whose
 * {@code kid} matches (any key when the token names none) and that {@link JwtKey#supports support} the
 * algorithm. An empty answer means "unknown key" (a 401). A source that cannot reach its keys throws a
 * {@link io.kit4j.errors.KitError} of its own (for example 503).
 */
@FunctionalInterface
public interface KeySource {

    /** The keys that may verify a token with key id {@code kid} (null when it names none) signed with {@code alg}. */
    List<JwtKey> keysFor(String kid, Algorithm alg);

    /** A fixed set of keys, for example read from PEM or JWK files at start-up. */
    static KeySource of(JwtKey... keys) {
        return of(List.of(keys));
    }

    /** A fixed set of keys. */
    static KeySource of(List<JwtKey> keys) {
        List<JwtKey> copy = List.copyOf(keys);
        for (JwtKey k : copy) {
            if (!k.canVerify()) {
                throw new IllegalArgumentException(k + " cannot verify: give its public half");
            }
        }
        return (kid, alg) -> select(copy, kid, alg);
    }

    /** The keys of {@code keys} matching {@code kid} (all when null) that support {@code alg}. */
    static List<JwtKey> select(List<JwtKey> keys, String kid, Algorithm alg) {
        return keys.stream()
                .filter(k -> kid == null || kid.equals(k.keyId()) || k.keyId() == null)
                .filter(k -> k.canVerify() && k.supports(alg))
                .toList();
    }
}
