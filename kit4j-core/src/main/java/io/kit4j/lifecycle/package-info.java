/** The life of a service process: {@link io.kit4j.lifecycle.Shutdown} stops it cleanly on a signal. */
package io.kit4j.lifecycle;
