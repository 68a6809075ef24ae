package io.kit4j.transport.http.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RouteTableTest {

    /** One table exercising most features; handlers are names. */
    private static final RouteTable<String> TABLE = new RouteTable<String>()
            .add("GET", "/", "root")
            .add("GET", "/users", "listUsers")
            .add("POST", "/users", "createUser")
            .add("GET", "/users/{id}", "getUser")
            .add("PUT", "/users/{id}", "putUser")
            .add("GET", "/users/me/settings", "mySettings")
            .add("GET", "/users/{id}/posts", "userPosts")
            .add("GET", "/user/{uid:\\d+}", "userByUid")
            .add("GET", "/files/{name}.json", "jsonFile")
            .add("GET", "/static/{path:.*}", "static")
            .add("*", "/any", "any")
            .add("GET", "/café/{dish}", "cafe")
            .add("GET", "/v/{major:(\\d+)}.{minor:\\d+}/{rest}", "version")
            .add("GET", "/pair/{a}-{b}", "pair");

    /** {@code vars} is {@code name=value} pairs separated by {@code ;}, in template order. */
    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            GET    | /                             | root        | /                                   |
            GET    | /users                        | listUsers   | /users                              |
            POST   | /users                        | createUser  | /users                              |
            GET    | /users/42                     | getUser     | /users/{id}                         | id=42
            PUT    | /users/42                     | putUser     | /users/{id}                         | id=42
            GET    | /users/me/settings            | mySettings  | /users/me/settings                  |
            GET    | /users/me/posts               | userPosts   | /users/{id}/posts                   | id=me
            GET    | /users/me                     | getUser     | /users/{id}                         | id=me
            GET    | /users/settings/posts         | userPosts   | /users/{id}/posts                   | id=settings
            GET    | /user/101                     | userByUid   | /user/{uid:\\d+}                    | uid=101
            GET    | /files/report.json            | jsonFile    | /files/{name}.json                  | name=report
            GET    | /files/a.b.json               | jsonFile    | /files/{name}.json                  | name=a.b
            GET    | /static/css/site.css          | static      | /static/{path:.*}                   | path=css/site.css
            GET    | /static/                      | static      | /static/{path:.*}                   | path=
            GET    | /static/a//b/                 | static      | /static/{path:.*}                   | path=a//b/
            GET    | /static/a%2Fb/c%20d           | static      | /static/{path:.*}                   | path=a/b/c d
            DELETE | /any                          | any         | /any                                |
            BREW   | /any                          | any         | /any                                |
            GET    | /users/a%2Fb                  | getUser     | /users/{id}                         | id=a/b
            GET    | /users/a%2Fb/posts            | userPosts   | /users/{id}/posts                   | id=a/b
            GET    | /users/99999999999999999999   | getUser     | /users/{id}                         | id=99999999999999999999
            GET    | /users/%E2%82%AC              | getUser     | /users/{id}                         | id=€
            GET    | /users/Zoë                    | getUser     | /users/{id}                         | id=Zoë
            GET    | /users/me%2Fsettings          | getUser     | /users/{id}                         | id=me/settings
            GET    | /users/a+b                    | getUser     | /users/{id}                         | id=a+b
            GET    | /caf%C3%A9/cr%C3%AApe         | cafe        | /café/{dish}                        | dish=crêpe
            GET    | /café/crêpe                   | cafe        | /café/{dish}                        | dish=crêpe
            GET    | /v/1.2/x                      | version     | /v/{major:(\\d+)}.{minor:\\d+}/{rest} | major=1;minor=2;rest=x
            GET    | /pair/x-y-z                   | pair        | /pair/{a}-{b}                       | a=x-y;b=z
            HEAD   | /users                        | listUsers   | /users                              |
            HEAD   | /users/7/posts                | userPosts   | /users/{id}/posts                   | id=7
            """)
    void found(String method, String path, String handler, String template, String vars) {
        RouteMatch<String> m = TABLE.match(method, path);
        assertEquals(RouteMatch.Kind.FOUND, m.kind(), m::toString);
        assertTrue(m.isFound());
        assertEquals(handler, m.handler());
        assertEquals(template, m.template());
        Map<String, String> expected = new LinkedHashMap<>();
        if (vars != null) {
            for (String pair : vars.split(";")) {
                int eq = pair.indexOf('=');
                expected.put(pair.substring(0, eq), pair.substring(eq + 1));
            }
        }
        assertEquals(expected, m.variables());
        assertEquals(List.copyOf(expected.keySet()), List.copyOf(m.variables().keySet()), "template order");
    }

    @ParameterizedTest(name = "GET {0}")
    @ValueSource(strings = {
        "/nope", "/user/abc", "/user/12a", "/user/", "/users/", "/users/42/", "/users//posts", "//",
        "/static", "/files/report.xml", "/files/.json", "/pair/xy", "/v/1/x", "/v/a.2/x", "/USERS",
        "/users/me/settings/", "/caf%C3%A9", "", "*", "users"
    })
    void notFound(String path) {
        RouteMatch<String> m = TABLE.match("GET", path);
        assertEquals(RouteMatch.Kind.NOT_FOUND, m.kind(), m::toString);
        assertFalse(m.isFound());
        assertSame(RouteMatch.notFound(), m);
    }

    @ParameterizedTest(name = "{0} {1} -> Allow: {2}")
    @CsvSource(delimiter = '|', textBlock = """
            DELETE | /users              | GET, HEAD, POST
            DELETE | /users/42           | GET, HEAD, PUT
            POST   | /users/me           | GET, HEAD, PUT
            POST   | /users/me/settings  | GET, HEAD
            POST   | /users/me/posts     | GET, HEAD
            get    | /users              | GET, HEAD, POST
            OPTIONS| /static/x           | GET, HEAD
            PUT    | /                   | GET, HEAD
            """)
    void methodNotAllowed(String method, String path, String allow) {
        RouteMatch<String> m = TABLE.match(method, path);
        assertEquals(RouteMatch.Kind.METHOD_NOT_ALLOWED, m.kind(), m::toString);
        assertEquals(allow, m.allowHeader());
        assertEquals(new TreeSet<>(List.of(allow.split(", "))), m.allowedMethods());
    }

    @ParameterizedTest(name = "GET {0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            /users/%zz         | malformed percent-escape "%zz" at index 7
            /users/%4          | malformed percent-escape "%4" at index 7
            /users/%           | malformed percent-escape "%" at index 7
            /nothing/here/%zz  | malformed percent-escape "%zz" at index 14
            /users/%C3         | not valid UTF-8
            /users/%FF/posts   | not valid UTF-8
            """)
    void badPath(String path, String reason) {
        RouteMatch<String> m = TABLE.match("GET", path);
        assertEquals(RouteMatch.Kind.BAD_PATH, m.kind(), m::toString);
        assertTrue(m.reason().contains(reason), m.reason());
    }

    @Test
    void regexVariableIsAnchoredAndOtherwiseNotFound() {
        RouteTable<String> t = new RouteTable<String>().add("GET", "/user/{uid:\\d+}", "uid");
        assertEquals(Map.of("uid", "101"), t.match("GET", "/user/101").variables());
        for (String path : List.of("/user/abc", "/user/1a", "/user/a1", "/user/", "/user/1/2")) {
            assertEquals(RouteMatch.Kind.NOT_FOUND, t.match("GET", path).kind(), path);
        }
    }

    @Test
    void literalBeatsVariableWhateverTheOrder() {
        RouteTable<String> t = new RouteTable<String>()
                .add("GET", "/users/{id}", "byId")
                .add("GET", "/users/me", "me");
        assertEquals("me", t.match("GET", "/users/me").handler());
        assertEquals("byId", t.match("GET", "/users/mine").handler());
    }

    @Test
    void backtracksWhenTheLiteralBranchFailsDeeper() {
        RouteTable<String> t = new RouteTable<String>()
                .add("GET", "/users/me/settings", "settings")
                .add("GET", "/users/{id}/posts", "posts")
                .add("GET", "/a/{x}/{y}/end", "deep");
        t.add("GET", "/a/b/c/other", "literal");
        assertEquals("settings", t.match("GET", "/users/me/settings").handler());
        RouteMatch<String> posts = t.match("GET", "/users/me/posts");
        assertEquals("posts", posts.handler());
        assertEquals(Map.of("id", "me"), posts.variables());
        RouteMatch<String> deep = t.match("GET", "/a/b/c/end");
        assertEquals("deep", deep.handler());
        assertEquals(Map.of("x", "b", "y", "c"), deep.variables());
    }

    @Test
    void backtracksOnMethodToo() {
        RouteTable<String> t = new RouteTable<String>()
                .add("GET", "/users/me", "me")
                .add("DELETE", "/users/{id}", "delete");
        assertEquals("delete", t.match("DELETE", "/users/me").handler());
        assertEquals(Map.of("id", "me"), t.match("DELETE", "/users/me").variables());
        assertEquals("DELETE, GET, HEAD", t.match("POST", "/users/me").allowHeader());
        assertEquals("DELETE", t.match("POST", "/users/you").allowHeader());
    }

    @Test
    void variablesAreTriedInRegistrationOrder() {
        RouteTable<String> digitsFirst = new RouteTable<String>()
                .add("GET", "/a/{n:\\d+}", "digits")
                .add("GET", "/a/{s}", "any");
        assertEquals("digits", digitsFirst.match("GET", "/a/1").handler());
        assertEquals("any", digitsFirst.match("GET", "/a/x").handler());

        RouteTable<String> anyFirst = new RouteTable<String>()
                .add("GET", "/a/{s}", "any")
                .add("GET", "/a/{n:\\d+}", "digits");
        assertEquals("any", anyFirst.match("GET", "/a/1").handler());
    }

    @Test
    void catchAllComesLastAndBacktracksIntoIt() {
        RouteTable<String> t = new RouteTable<String>()
                .add("GET", "/s/{rest:.*}", "catchAll")
                .add("GET", "/s/{name}", "one")
                .add("GET", "/s/{name}/edit", "edit");
        assertEquals("one", t.match("GET", "/s/x").handler());
        assertEquals("edit", t.match("GET", "/s/x/edit").handler());
        RouteMatch<String> rest = t.match("GET", "/s/x/view");
        assertEquals("catchAll", rest.handler());
        assertEquals(Map.of("rest", "x/view"), rest.variables());
        assertEquals(Map.of("rest", ""), t.match("GET", "/s/").variables());
    }

    @Test
    void catchAllRegexMustMatchTheWholeRest() {
        RouteTable<String> t = new RouteTable<String>()
                .add("GET", "/assets/{file:.+\\.css}", "css")
                .add("GET", "/assets/{file:.+}", "other");
        assertTrue(PathTemplate.parse("/assets/{file:.+\\.css}").hasCatchAll());
        assertEquals("css", t.match("GET", "/assets/a/b/site.css").handler());
        assertEquals("other", t.match("GET", "/assets/a/b/site.js").handler());
        assertEquals(Map.of("file", "a/b/site.js"), t.match("GET", "/assets/a/b/site.js").variables());
        assertEquals(RouteMatch.Kind.NOT_FOUND, t.match("GET", "/assets/").kind());
        assertEquals(RouteMatch.Kind.NOT_FOUND, t.match("GET", "/assets").kind());
    }

    @Test
    void rootCatchAll() {
        RouteTable<String> t = new RouteTable<String>()
                .add("GET", "/health", "health")
                .add("GET", "/{path:.*}", "spa");
        assertEquals("health", t.match("GET", "/health").handler());
        assertEquals(Map.of("path", ""), t.match("GET", "/").variables());
        assertEquals(Map.of("path", "app/x/y"), t.match("GET", "/app/x/y").variables());
    }

    @Test
    void headFallsBackToGetButPrefersItsOwnRoute() {
        RouteTable<String> t = new RouteTable<String>()
                .add("GET", "/a", "getA")
                .add("GET", "/b", "getB")
                .add("HEAD", "/b", "headB")
                .add("*", "/c", "anyC")
                .add("GET", "/d", "getD")
                .add("*", "/d", "anyD")
                .add("POST", "/e", "postE");
        assertEquals("getA", t.match("HEAD", "/a").handler());
        assertEquals("headB", t.match("HEAD", "/b").handler());
        assertEquals("getB", t.match("GET", "/b").handler());
        assertEquals("anyC", t.match("HEAD", "/c").handler());
        assertEquals("getD", t.match("HEAD", "/d").handler());
        assertEquals("anyD", t.match("POST", "/d").handler());
        assertEquals("POST", t.match("HEAD", "/e").allowHeader());
        assertEquals("GET, HEAD", t.match("POST", "/a").allowHeader());
    }

    @Test
    void optionsIsListedOnlyWhenRegistered() {
        RouteTable<String> t = new RouteTable<String>()
                .add("PUT", "/x", "put")
                .add("OPTIONS", "/x", "options");
        assertEquals("OPTIONS, PUT", t.match("GET", "/x").allowHeader());
    }

    @Test
    void methodNotAllowedUnitesAllMatchingTemplates() {
        RouteTable<String> t = new RouteTable<String>()
                .add("GET", "/items/new", "form")
                .add("PUT", "/items/{id}", "put")
                .add("DELETE", "/items/{id:[a-z]+}", "delete")
                .add("PATCH", "/items/{id:\\d+}", "patch")
                .add("POST", "/items/{rest:.*}", "post");
        assertEquals(Set.of("DELETE", "GET", "HEAD", "POST", "PUT"), t.match("TRACE", "/items/new").allowedMethods());
        assertEquals(Set.of("PATCH", "POST", "PUT"), t.match("TRACE", "/items/12").allowedMethods());
    }

    @Test
    void trailingSlashIsStrict() {
        RouteTable<String> t = new RouteTable<String>()
                .add("GET", "/users", "noSlash")
                .add("GET", "/dirs/", "slash");
        assertEquals("noSlash", t.match("GET", "/users").handler());
        assertEquals(RouteMatch.Kind.NOT_FOUND, t.match("GET", "/users/").kind());
        assertEquals("slash", t.match("GET", "/dirs/").handler());
        assertEquals(RouteMatch.Kind.NOT_FOUND, t.match("GET", "/dirs").kind());
    }

    @Test
    void encodedSlashNeverSeparatesSegments() {
        RouteTable<String> t = new RouteTable<String>()
                .add("GET", "/files/{name}", "file")
                .add("GET", "/files/a/b", "nested");
        assertEquals(Map.of("name", "a/b"), t.match("GET", "/files/a%2Fb").variables());
        assertEquals(Map.of("name", "a/b"), t.match("GET", "/files/a%2fb").variables());
        assertEquals("nested", t.match("GET", "/files/a/b").handler());
        assertEquals(RouteMatch.Kind.NOT_FOUND, t.match("GET", "/files%2Fa").kind());
    }

    @Test
    void templateLiteralsAreDecodedText() {
        RouteTable<String> t = new RouteTable<String>()
                .add("GET", "/a b/日本", "spaced")
                .add("GET", "/100%", "percent");
        assertEquals("spaced", t.match("GET", "/a%20b/%E6%97%A5%E6%9C%AC").handler());
        assertEquals("spaced", t.match("GET", "/a%20b/日本").handler());
        assertEquals("percent", t.match("GET", "/100%25").handler());
        assertEquals(RouteMatch.Kind.BAD_PATH, t.match("GET", "/100%").kind());
    }

    @Test
    void emptySegmentsNeverMatchVariables() {
        RouteTable<String> t = new RouteTable<String>()
                .add("GET", "/a/{x}/b", "x")
                .add("GET", "/c/{y:.*}/d", "y")
                .add("GET", "/e/{z:\\d*}", "z");
        assertEquals(RouteMatch.Kind.NOT_FOUND, t.match("GET", "/a//b").kind());
        assertEquals(RouteMatch.Kind.NOT_FOUND, t.match("GET", "/c//d").kind());
        assertEquals(RouteMatch.Kind.NOT_FOUND, t.match("GET", "/e/").kind());
        assertEquals(Map.of("z", "12"), t.match("GET", "/e/12").variables());
    }

    @Test
    void literalOnlyRoutesReuseTheirResult() {
        RouteTable<String> t = new RouteTable<String>()
                .add("GET", "/a/b", "ab")
                .add("GET", "/a/{x}", "ax");
        assertSame(t.match("GET", "/a/b"), t.match("GET", "/a/b"));
        assertEquals(t.match("GET", "/a/c"), t.match("GET", "/a/c"));
    }

    @Test
    void variablesMapIsUnmodifiable() {
        Map<String, String> vars = TABLE.match("GET", "/users/42").variables();
        assertThrows(UnsupportedOperationException.class, () -> vars.put("id", "43"));
        assertThrows(UnsupportedOperationException.class, () -> vars.remove("id"));
        assertThrows(UnsupportedOperationException.class, vars::clear);
        assertEquals("42", vars.get("id"));
        assertTrue(vars.containsKey("id"));
        assertFalse(vars.containsKey("uid"));
        assertEquals(Map.of("id", "42").hashCode(), vars.hashCode());
    }

    @Test
    void accessorsOfOtherKindsThrow() {
        RouteMatch<String> notFound = TABLE.match("GET", "/nope");
        assertThrows(IllegalStateException.class, notFound::handler);
        assertThrows(IllegalStateException.class, notFound::variables);
        assertThrows(IllegalStateException.class, notFound::allowedMethods);
        RouteMatch<String> found = TABLE.match("GET", "/users");
        assertThrows(IllegalStateException.class, found::reason);
        assertThrows(IllegalStateException.class, found::allowHeader);
        RouteMatch<String> bad = TABLE.match("GET", "/%zz");
        assertThrows(IllegalStateException.class, bad::template);
    }

    @Test
    void duplicateRoutesAreRejected() {
        RouteTable<String> t = new RouteTable<String>().add("GET", "/users/{id}", "a");
        IllegalArgumentException same =
                assertThrows(IllegalArgumentException.class, () -> t.add("GET", "/users/{id}", "b"));
        assertEquals("duplicate route GET /users/{id}", same.getMessage());
        IllegalArgumentException renamed =
                assertThrows(IllegalArgumentException.class, () -> t.add("GET", "/users/{uid}", "b"));
        assertEquals("duplicate route GET /users/{uid}: it matches the same requests as GET /users/{id}",
                renamed.getMessage());
        t.add("POST", "/users/{uid}", "c").add("*", "/users/{id}", "d").add("GET", "/users/{id:\\d+}", "e");
        assertThrows(IllegalArgumentException.class, () -> t.add("*", "/users/{x}", "f"));
        assertEquals(4, t.size());
        assertEquals("a", t.match("GET", "/users/1").handler());
        assertEquals(Map.of("uid", "1"), t.match("POST", "/users/1").variables());
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"get", "", "G ET", "GET\n", "**"})
    void invalidMethodsAreRejected(String method) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new RouteTable<String>().add(method, "/x", "h"));
        assertTrue(e.getMessage().startsWith("invalid HTTP method"), e.getMessage());
    }

    @Test
    void badTemplatesAreRejectedByAdd() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new RouteTable<String>().add("GET", "/users/{id", "h"));
        assertTrue(e.getMessage().contains("unclosed '{'"), e.getMessage());
    }

    @Test
    void nullsAreRejected() {
        RouteTable<String> t = new RouteTable<>();
        assertThrows(NullPointerException.class, () -> t.add("GET", "/x", null));
        assertThrows(NullPointerException.class, () -> t.add(null, "/x", "h"));
        assertThrows(NullPointerException.class, () -> t.add("GET", (String) null, "h"));
        assertThrows(NullPointerException.class, () -> t.match(null, "/x"));
        assertThrows(NullPointerException.class, () -> t.match("GET", null));
    }

    @Test
    void emptyTableFindsNothing() {
        RouteTable<String> t = new RouteTable<>();
        assertEquals(RouteMatch.Kind.NOT_FOUND, t.match("GET", "/").kind());
        assertEquals(RouteMatch.Kind.BAD_PATH, t.match("GET", "/%").kind());
    }

    @Test
    void routesAddedAfterMatchingAreSeen() {
        RouteTable<String> t = new RouteTable<String>().add("GET", "/a", "a");
        assertEquals("a", t.match("GET", "/a").handler());
        assertEquals(RouteMatch.Kind.NOT_FOUND, t.match("GET", "/b").kind());
        t.add("GET", "/b", "b");
        assertEquals("b", t.match("GET", "/b").handler());
        assertEquals("a", t.match("GET", "/a").handler());
    }

    @Test
    void manyRoutesStillMatchExactly() {
        RouteTable<Integer> t = new RouteTable<>();
        for (int i = 0; i < 2000; i++) {
            t.add("GET", "/r" + i + "/{id:\\d+}/x" + (i % 7), i);
        }
        assertEquals(2000, t.size());
        for (int i = 0; i < 2000; i += 37) {
            RouteMatch<Integer> m = t.match("GET", "/r" + i + "/5/x" + (i % 7));
            assertEquals(i, m.handler());
            assertEquals(Map.of("id", "5"), m.variables());
            assertEquals(RouteMatch.Kind.NOT_FOUND, t.match("GET", "/r" + i + "/5/x" + ((i + 1) % 7)).kind());
        }
    }
}
