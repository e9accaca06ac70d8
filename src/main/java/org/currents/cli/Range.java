package org.currents.cli;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The values a numeric or duration option accepts, both ends included, checked by {@link Ranges}
 * once the command line is parsed. Integers are written as numbers ({@code "1"}), durations as
 * the options take them ({@code "1s"}, {@code "30d"}). The option's help text states the same
 * range; a test holds the two together.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.FIELD)
@interface Range {
    /** The smallest value accepted. */
    String min();

    /** The largest value accepted. */
    String max();
}
