/**
 * Authentication of the reference services: the demo token setup ({@link io.kit4j.examples.auth.DemoAuth}),
 * the token API {@code POST /login} ({@link io.kit4j.examples.auth.Login}) and {@code kit4j token}.
 */
package io.kit4j.examples.auth;
