package io.kit4j.examples.usersvc;

/**
 * A user of the reference material's user service.
 *
 * @param id assigned by the service, from 1
 * @param name required
 * @param email required and unique
 * @param age 0 to 200
 */
public record User(long id, String name, String email, int age) {
}
