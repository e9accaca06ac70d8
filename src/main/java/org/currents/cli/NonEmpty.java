package org.currents.cli;

import java.nio.file.Path;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Converters for options that name a file, a folder or an archive, which an empty value never
 * does: {@code --out ''} would build into the current folder, {@code --db ''} open a nameless
 * archive. Refused at parse time, as a usage error (exit 2).
 */
final class NonEmpty {
    private NonEmpty() {}

    /** Text that is not empty or blank, such as {@code --db}. */
    static final class Text implements ITypeConverter<String> {
        @Override
        public String convert(String value) {
            return check(value);
        }
    }

    /** A path that is not empty or blank, such as {@code --out}. */
    static final class FilePath implements ITypeConverter<Path> {
        @Override
        public Path convert(String value) {
            return Path.of(check(value));
        }
    }

    private static String check(String value) {
        if (value.isBlank()) {
            throw new TypeConversionException("an empty value names no file or folder");
        }
        return value;
    }
}
