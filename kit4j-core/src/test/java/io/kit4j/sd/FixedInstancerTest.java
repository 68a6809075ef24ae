package io.kit4j.sd;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.kit4j.sd.Recording.Listener;
import java.util.List;
import org.junit.jupiter.api.Test;

class FixedInstancerTest {

    @Test
    void registerDeliversTheListAsGivenEveryTime() {
        FixedInstancer instancer = FixedInstancer.of("b:1", "a:1");
        Listener first = new Listener();
        Listener second = new Listener();
        instancer.register(first);
        instancer.register(second);
        instancer.register(first);
        assertEquals(List.of(Event.of("b:1", "a:1"), Event.of("b:1", "a:1")), first.events);
        assertEquals(List.of(Event.of("b:1", "a:1")), second.events);
        assertEquals(List.of("b:1", "a:1"), instancer.instances());
    }

    @Test
    void deregisterAndStopChangeNothing() {
        FixedInstancer instancer = new FixedInstancer(List.of("a:1"));
        Listener l = new Listener();
        instancer.register(l);
        instancer.deregister(l);
        instancer.stop();
        instancer.register(l);
        assertEquals(List.of(Event.of("a:1"), Event.of("a:1")), l.events);
    }
}
