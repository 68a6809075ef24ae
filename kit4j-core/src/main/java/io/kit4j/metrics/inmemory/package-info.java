/**
 * Metrics kept in memory and readable, go-kit's {@code metrics/generic}: {@link
 * io.kit4j.metrics.inmemory.InMemoryCounter}, {@link io.kit4j.metrics.inmemory.InMemoryGauge} and {@link
 * io.kit4j.metrics.inmemory.InMemoryHistogram} (quantiles from a bounded streaming histogram). Use them in
 * tests to assert what code recorded, or where a service reads its own numbers.
 *
 * <p>A metric and the metrics its {@code with} derives share one family: each distinct label-value list
 * is a series, written through any instance that carries it and read through any other. This replaces two
 * go-kit quirks, where {@code With} on a counter or gauge copies the value into an independent metric and
 * a histogram's label values all share one distribution.
 */
package io.kit4j.metrics.inmemory;
