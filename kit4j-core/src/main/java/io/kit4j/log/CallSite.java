package io.kit4j.log;

import java.lang.StackWalker.StackFrame;
import java.security.CodeSource;
import java.util.Iterator;
import java.util.Objects;

/**
 * Finds the code that logged an event, for {@link Values#caller()}: the first stack frame, counting
 * outwards from the innermost contextual logger, whose class is not one of this logging package's own
 * classes. Lambda bodies compile into their enclosing class and the JDK's hidden lambda frames are not
 * walked, so the package's lambdas are skipped as well. Classes that merely share the package name but
 * come from elsewhere (tests, for instance) count as callers.
 */
final class CallSite {
    private static final StackWalker WALKER = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE);
    private static final String PACKAGE = Logger.class.getPackageName();
    private static final String LOCATION = location(Logger.class);
    private static final ClassValue<Boolean> LOGGING = new ClassValue<>() {
        @Override
        protected Boolean computeValue(Class<?> c) {
            return c.getPackageName().equals(PACKAGE) && Objects.equals(location(c), LOCATION);
        }
    };

    private CallSite() {
    }

    /**
     * {@code File.java:line} of the frame {@code depth - 1} frames beyond the call site; {@code unknown:0}
     * when the stack is not that deep.
     */
    static String describe(int depth) {
        String site = WALKER.walk(frames -> find(frames.iterator(), depth, true));
        return site != null ? site : WALKER.walk(frames -> find(frames.iterator(), depth, false));
    }

    /**
     * Walks lazily, so only the frames up to the call site are materialised (a full stack under a web
     * server is dozens of frames). With {@code fromLogger} the search starts at the innermost contextual
     * logger and gives null when there is none.
     */
    private static String find(Iterator<StackFrame> frames, int depth, boolean fromLogger) {
        StackFrame f = frames.hasNext() ? frames.next() : null;
        if (fromLogger) {
            while (f != null && f.getDeclaringClass() != ContextLogger.class) {
                f = frames.hasNext() ? frames.next() : null;
            }
            if (f == null) {
                return null;
            }
        }
        while (f != null && LOGGING.get(f.getDeclaringClass())) {
            f = frames.hasNext() ? frames.next() : null;
        }
        for (int i = 1; i < depth && f != null; i++) {
            f = frames.hasNext() ? frames.next() : null;
        }
        if (f == null) {
            return "unknown:0";
        }
        String file = f.getFileName();
        return (file == null ? "unknown" : file) + ":" + f.getLineNumber();
    }

    private static String location(Class<?> c) {
        CodeSource source = c.getProtectionDomain().getCodeSource();
        return source == null || source.getLocation() == null ? null : source.getLocation().toString();
    }
}
