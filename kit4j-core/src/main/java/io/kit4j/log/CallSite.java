package io.kit4j.log;

import java.lang.StackWalker.StackFrame;
import java.security.CodeSource;
import java.util.List;
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
        List<StackFrame> frames = WALKER.walk(s -> s.toList());
        int i = 0;
        while (i < frames.size() && frames.get(i).getDeclaringClass() != ContextLogger.class) {
            i++;
        }
        if (i == frames.size()) {
            i = 0;
        }
        while (i < frames.size() && LOGGING.get(frames.get(i).getDeclaringClass())) {
            i++;
        }
        i += depth - 1;
        if (i >= frames.size()) {
            return "unknown:0";
        }
        StackFrame frame = frames.get(i);
        String file = frame.getFileName();
        return (file == null ? "unknown" : file) + ":" + frame.getLineNumber();
    }

    private static String location(Class<?> c) {
        CodeSource source = c.getProtectionDomain().getCodeSource();
        return source == null || source.getLocation() == null ? null : source.getLocation().toString();
    }
}
