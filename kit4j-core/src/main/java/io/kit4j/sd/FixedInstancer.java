package io.kit4j.sd;

import java.util.List;
import java.util.function.Consumer;

/**
 * An {@link Instancer} over a list that never changes: go-kit's {@code sd.FixedInstancer}, for tests and
 * for services whose addresses are given on the command line. {@link #register} delivers the list in the
 * order given; {@link #deregister} and {@link #stop} do nothing.
 */
public final class FixedInstancer implements Instancer {
    private final Event event;

    /** An instancer whose only state is {@code instances}. */
    public FixedInstancer(List<String> instances) {
        this.event = Event.of(instances);
    }

    /** An instancer whose only state is {@code instances}. */
    public static FixedInstancer of(String... instances) {
        return new FixedInstancer(List.of(instances));
    }

    /** The fixed list. */
    public List<String> instances() {
        return event.instances();
    }

    @Override
    public void register(Consumer<Event> listener) {
        listener.accept(event);
    }

    @Override
    public void deregister(Consumer<Event> listener) {
    }

    @Override
    public void stop() {
    }
}
