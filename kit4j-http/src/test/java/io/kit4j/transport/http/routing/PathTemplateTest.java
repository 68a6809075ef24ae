package io.kit4j.transport.http.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.regex.PatternSyntaxException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PathTemplateTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            /                          |                | false
            /users                     |                | false
            /users/                    |                | false
            /users/{id}                | id             | false
            /user/{uid:\\d+}           | uid            | false
            /files/{name}.json         | name           | false
            /{a}-{b}/x                 | a b            | false
            /code/{c:[a-z]{2}}         | c              | false
            /static/{path:.*}          | path           | true
            /static/{path:.+}          | path           | true
            /{path:.*}                 | path           | true
            /x/{p:[^/]+}               | p              | false
            /x/{p:.*}/y                | p              | false
            /x/{p:.*}.json             | p              | false
            /x/{p:[a-z]+(?:/[a-z]+)*}  | p              | true
            /org/{org}/repo/{repo.name} | org repo.name | false
            """)
    void parsesVariablesAndCatchAll(String template, String names, boolean catchAll) {
        PathTemplate t = PathTemplate.parse(template);
        List<String> expected = names == null ? List.of() : List.of(names.split(" "));
        assertEquals(expected, t.variableNames());
        assertEquals(catchAll, t.hasCatchAll());
        assertEquals(template, t.text());
        assertEquals(template, t.toString());
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            users                  | must start with '/'
            ""                     | must start with '/'
            /users/{id             | unclosed '{' at index 7
            /users/{id:[0-9]{2}    | unclosed '{' at index 7
            /users/id}             | unbalanced '}' at index 9
            /users/{}              | empty variable name
            /users/{:\\d+}         | empty variable name
            /users/{id}/{id}       | duplicate variable name 'id'
            /{id}.{id}             | duplicate variable name 'id'
            /users/{id:}           | empty regex for variable 'id'
            /users/{id:[a-}        | invalid regex for variable 'id'
            /users/{id:(}          | invalid regex for variable 'id'
            /users/{id:\\Qabc}     | invalid regex for variable 'id': it cannot be enclosed in a group
            /users//posts          | empty segment at index 7
            //                     | empty segment at index 1
            /users/{user id}       | invalid variable name 'user id'
            """)
    void rejectsBadTemplates(String template, String message) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PathTemplate.parse(template));
        assertTrue(e.getMessage().startsWith("invalid path template \"" + template + "\": "), e.getMessage());
        assertTrue(e.getMessage().contains(message), e.getMessage());
    }

    @Test
    void invalidRegexKeepsTheSyntaxErrorAsCause() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> PathTemplate.parse("/a/{x:*}"));
        assertTrue(e.getCause() instanceof PatternSyntaxException, String.valueOf(e.getCause()));
    }

    @Test
    void rejectsNull() {
        assertThrows(NullPointerException.class, () -> PathTemplate.parse(null));
    }

    @Test
    void equalityIsByText() {
        assertEquals(PathTemplate.parse("/users/{id}"), PathTemplate.parse("/users/{id}"));
        assertEquals(PathTemplate.parse("/users/{id}").hashCode(), PathTemplate.parse("/users/{id}").hashCode());
        assertNotEquals(PathTemplate.parse("/users/{id}"), PathTemplate.parse("/users/{uid}"));
    }

    @Test
    void shapeIgnoresVariableNamesOnly() {
        assertEquals(PathTemplate.parse("/users/{id}").shape(), PathTemplate.parse("/users/{uid}").shape());
        assertEquals(PathTemplate.parse("/f/{a}.json").shape(), PathTemplate.parse("/f/{b}.json").shape());
        assertNotEquals(PathTemplate.parse("/users/{id}").shape(), PathTemplate.parse("/users/{id:\\d+}").shape());
        assertNotEquals(PathTemplate.parse("/users/{id}").shape(), PathTemplate.parse("/users/id").shape());
        assertNotEquals(PathTemplate.parse("/users").shape(), PathTemplate.parse("/users/").shape());
    }
}
