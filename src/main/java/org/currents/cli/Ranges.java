package org.currents.cli;

import java.lang.reflect.Field;
import java.time.Duration;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * Checks every option given on the command line against its {@link Range}: the one place where
 * numeric limits are enforced, so that {@code --days 3000000} or {@code --limit 0} stop at parse
 * time with exit 2 and one line naming the option, the value and the range, before anything runs.
 */
final class Ranges {
    private Ranges() {}

    /** Picocli's execution strategy with the range check first. */
    static CommandLine.IExecutionStrategy checkingFirst(CommandLine.IExecutionStrategy next) {
        return parsed -> {
            check(parsed);
            return next.execute(parsed);
        };
    }

    /**
     * Checks the options matched in {@code parsed} and in its subcommands.
     *
     * @throws ParameterException naming the first option whose value is out of its range
     */
    static void check(ParseResult parsed) {
        for (ParseResult pr = parsed; pr != null; pr = pr.subcommand()) {
            for (OptionSpec o : pr.matchedOptions()) {
                Range r = range(o);
                Object value = o.getValue();
                if (r != null && value != null && !within(value, r)) {
                    throw new OutOfRange(
                            pr.commandSpec().commandLine(),
                            o.longestName() + " " + given(o, value) + " is out of range " + describe(r));
                }
            }
        }
    }

    /**
     * The value as the user wrote it when that is short (it converted, so it is a number or a
     * duration), else as converted: a message never quotes a long typed value whole.
     */
    private static String given(OptionSpec o, Object value) {
        var typed = o.originalStringValues();
        String last = typed.isEmpty() ? "" : typed.get(typed.size() - 1).strip();
        return !last.isEmpty() && last.length() <= 24 ? last : String.valueOf(value);
    }

    /**
     * A value out of its option's range: the message says all there is (option, value, range),
     * so it goes out as the one line without picocli's "Try --help" hint.
     */
    static final class OutOfRange extends ParameterException {
        private static final long serialVersionUID = 1L;

        OutOfRange(CommandLine cl, String message) {
            super(cl, message);
        }
    }

    /** The range of option {@code o}, or null when it has none. */
    static Range range(OptionSpec o) {
        return o.userObject() instanceof Field f ? f.getAnnotation(Range.class) : null;
    }

    /** {@code 1..36500}, as help texts write a range. */
    static String describe(Range r) {
        return r.min() + ".." + r.max();
    }

    static boolean within(Object value, Range r) {
        if (value instanceof Duration d) {
            DurationConverter c = new DurationConverter();
            return d.compareTo(c.convert(r.min())) >= 0 && d.compareTo(c.convert(r.max())) <= 0;
        }
        if (value instanceof Number n) {
            long v = n.longValue();
            return v >= Long.parseLong(r.min()) && v <= Long.parseLong(r.max());
        }
        throw new IllegalStateException(
                "@Range on an option of type " + value.getClass().getName());
    }
}
