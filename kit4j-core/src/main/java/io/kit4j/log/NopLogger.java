package io.kit4j.log;

/** The logger behind {@link Logger#nop()}: discards every event. */
enum NopLogger implements Logger {
    INSTANCE;

    @Override
    public void log(Object... keyvals) {
    }
}
