/** What every transport shares: the {@link io.kit4j.transport.ErrorHandler} hook. */
package io.kit4j.transport;
