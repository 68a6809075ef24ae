/** Time as a dependency: {@link io.kit4j.time.Clock} and a manual clock for deterministic tests. */
package io.kit4j.time;
