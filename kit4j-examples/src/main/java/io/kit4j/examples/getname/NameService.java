package io.kit4j.examples.getname;

/** The GetName service of the reference material: a user's name by id. */
public interface NameService {

    /** The name of user {@code uid}: "shenyi" for 101, "guest" for everyone else. */
    String getName(long uid);

    /** The reference implementation. */
    static NameService reference() {
        return uid -> uid == 101 ? "shenyi" : "guest";
    }
}
