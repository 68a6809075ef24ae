/**
 * go-kit's HTTP transport on Jetty 12 and Jackson. Server side: {@link io.kit4j.transport.http.HttpServer}
 * runs every request on a virtual thread through a {@link io.kit4j.transport.http.Router}, which hands it
 * to an {@link io.kit4j.transport.http.EndpointHandler} (before hooks, decode, endpoint, after hooks,
 * encode, error encoder, finalizers). Client side: {@link io.kit4j.transport.http.ClientEndpoint} turns a
 * remote route back into an endpoint. {@link io.kit4j.transport.http.JsonCodec} and
 * {@link io.kit4j.transport.http.JsonErrorEncoder} give strict JSON and JSON errors;
 * {@link io.kit4j.transport.http.HttpMetricsFinalizer} records requests in kit4j metrics.
 */
package io.kit4j.transport.http;
