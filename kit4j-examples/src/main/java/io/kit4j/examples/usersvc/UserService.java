package io.kit4j.examples.usersvc;

import io.kit4j.context.Context;
import java.util.List;

/**
 * The user service of the reference material as a plain interface: it knows no transport, no JSON and
 * no HTTP. Failures are {@link io.kit4j.errors.KitError}s: 400 for bad arguments, 404 for an unknown id,
 * 409 for an email already in use.
 */
public interface UserService {

    /** Creates a user; name and email are required, the email must be unused. */
    User create(Context ctx, String name, String email, int age);

    /** The user with {@code id}. */
    User get(Context ctx, long id);

    /** Changes the given fields only: a null or empty name or email, or a null age, leaves the field as it is. */
    User update(Context ctx, long id, String name, String email, Integer age);

    /** Deletes the user with {@code id}. */
    void delete(Context ctx, long id);

    /** One page of users ordered by id: page from 1, limit from 1 to 100. */
    List<User> list(Context ctx, int page, int limit);
}
