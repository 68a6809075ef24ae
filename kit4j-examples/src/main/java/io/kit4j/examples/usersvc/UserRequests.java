package io.kit4j.examples.usersvc;

/** The request and response types of the user service's endpoints. */
public final class UserRequests {
    private UserRequests() {
    }

    /** POST /users body. */
    public record Create(String name, String email, int age) {
    }

    /** PUT /users/{id}: the id from the path, the fields to change from the body (absent = unchanged). */
    public record Update(long id, String name, String email, Integer age) {
    }

    /** The body of PUT /users/{id}. */
    public record Patch(String name, String email, Integer age) {
    }

    /** GET or DELETE /users/{id}. */
    public record ById(long id) {
    }

    /** GET /users?page=&limit=. */
    public record ListPage(int page, int limit) {
    }

    /** The answer of DELETE /users/{id}. */
    public record Deleted(boolean deleted) {
    }
}
