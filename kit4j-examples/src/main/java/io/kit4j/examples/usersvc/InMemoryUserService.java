package io.kit4j.examples.usersvc;

import io.kit4j.context.Context;
import io.kit4j.errors.KitError;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The user service on a thread-safe in-memory store: users ordered by id, an email index that keeps
 * emails unique under concurrent creates and updates.
 */
public final class InMemoryUserService implements UserService {
    /** The largest page size. */
    public static final int MAX_LIMIT = 100;

    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private final TreeMap<Long, User> users = new TreeMap<>();
    private final Map<String, Long> idByEmail = new HashMap<>();
    private long nextId = 1;

    @Override
    public User create(Context ctx, String name, String email, int age) {
        requireText("name", name);
        requireText("email", email);
        checkEmail(email);
        checkAge(age);
        lock.writeLock().lock();
        try {
            if (idByEmail.containsKey(email)) {
                throw KitError.alreadyExists("a user with email " + email + " already exists");
            }
            User u = new User(nextId++, name, email, age);
            users.put(u.id(), u);
            idByEmail.put(email, u.id());
            return u;
        } finally {
            lock.writeLock().unlock();
        }
    }

    @Override
    public User get(Context ctx, long id) {
        lock.readLock().lock();
        try {
            User u = users.get(id);
            if (u == null) {
                throw notFound(id);
            }
            return u;
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public User update(Context ctx, long id, String name, String email, Integer age) {
        if (email != null && !email.isEmpty()) {
            checkEmail(email);
        }
        if (age != null) {
            checkAge(age);
        }
        lock.writeLock().lock();
        try {
            User u = users.get(id);
            if (u == null) {
                throw notFound(id);
            }
            String newName = name == null || name.isEmpty() ? u.name() : name;
            String newEmail = email == null || email.isEmpty() ? u.email() : email;
            Long owner = idByEmail.get(newEmail);
            if (owner != null && owner != id) {
                throw KitError.alreadyExists("a user with email " + newEmail + " already exists");
            }
            User updated = new User(id, newName, newEmail, age == null ? u.age() : age);
            idByEmail.remove(u.email());
            idByEmail.put(newEmail, id);
            users.put(id, updated);
            return updated;
        } finally {
            lock.writeLock().unlock();
        }
    }

    @Override
    public void delete(Context ctx, long id) {
        lock.writeLock().lock();
        try {
            User u = users.remove(id);
            if (u == null) {
                throw notFound(id);
            }
            idByEmail.remove(u.email());
        } finally {
            lock.writeLock().unlock();
        }
    }

    @Override
    public List<User> list(Context ctx, int page, int limit) {
        if (page < 1) {
            throw KitError.invalidArgument("page must be 1 or more");
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw KitError.invalidArgument("limit must be between 1 and " + MAX_LIMIT);
        }
        long skip = (long) (page - 1) * limit;
        lock.readLock().lock();
        try {
            List<User> out = new ArrayList<>(Math.min(limit, users.size()));
            if (skip >= users.size()) {
                return out;
            }
            for (User u : users.values()) {
                if (skip > 0) {
                    skip--;
                    continue;
                }
                out.add(u);
                if (out.size() == limit) {
                    break;
                }
            }
            return out;
        } finally {
            lock.readLock().unlock();
        }
    }

    private static KitError notFound(long id) {
        return KitError.notFound("user " + id + " not found");
    }

    private static void requireText(String field, String value) {
        if (value == null || value.isBlank()) {
            throw KitError.invalidArgument(field + " is required");
        }
    }

    private static void checkEmail(String email) {
        int at = email.indexOf('@');
        if (at <= 0 || at == email.length() - 1 || email.length() > 254 || email.chars().anyMatch(Character::isWhitespace)) {
            throw KitError.invalidArgument("email is not a valid address");
        }
    }

    private static void checkAge(int age) {
        if (age < 0 || age > 200) {
            throw KitError.invalidArgument("age must be between 0 and 200");
        }
    }
}
