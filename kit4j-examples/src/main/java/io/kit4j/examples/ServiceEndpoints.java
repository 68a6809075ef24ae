package io.kit4j.examples;

import io.kit4j.endpoint.Endpoint;
import io.kit4j.examples.getname.GetName;
import io.kit4j.examples.usersvc.UserEndpoints;
import io.kit4j.log.Logger;
import io.kit4j.transport.ErrorHandler;

/**
 * One instance's endpoints, built once over one service object and one middleware stack, so that every
 * transport (HTTP routes, gRPC services) serves the same state with the same logging and metrics.
 *
 * @param users the user service's endpoints
 * @param getName GetName
 * @param errors where the transports report failures
 * @param logger where the service logs (the transports log start-up warnings to it)
 */
public record ServiceEndpoints(UserEndpoints users, Endpoint<GetName.Request, GetName.Response> getName,
        ErrorHandler errors, Logger logger) {
}
