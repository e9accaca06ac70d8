package org.currents.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Field;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

class RangesTest {
    @TempDir
    Path dir;

    @ParameterizedTest(name = "currents {0}")
    @CsvSource(
            delimiter = ';',
            value = {
                "sync --days 0;                 --days 0 is out of range 1..36500",
                "sync --days 3000000;           --days 3000000 is out of range 1..36500",
                "sync --days 2147483647;        --days 2147483647 is out of range 1..36500",
                "sync --days -1;                --days -1 is out of range 1..36500",
                "sync --days 1 --max-tries 0;   --max-tries 0 is out of range 1..100",
                "watch --days 36501;            --days 36501 is out of range 1..36500",
                "watch --every 500ms;           --every 500ms is out of range 1s..30d",
                "watch --every 31d;             --every 31d is out of range 1s..30d",
                "watch --every -PT5M;           --every -PT5M is out of range 1s..30d",
                "watch --cycles 0;              --cycles 0 is out of range 1..2147483647",
                "enrich --limit 0;              --limit 0 is out of range 1..2147483647",
                "enrich --concurrency 0;        --concurrency 0 is out of range 1..256",
                "enrich --concurrency 100000;   --concurrency 100000 is out of range 1..256",
                "enrich --delay 2h;             --delay 2h is out of range 0s..1h",
                "enrich --timeout 0s;           --timeout 0s is out of range 1s..10m",
                "enrich --max-body 0;           --max-body 0 is out of range 1..268435456",
                "enrich --max-age 36501d;       --max-age 36501d is out of range 0s..36500d",
                "meta http://x.org --timeout 11m; --timeout 11m is out of range 1s..10m",
            })
    void refusesAValueOutOfItsRangeAtParseTimeInOneLine(String args, String message) {
        List<String> all = new ArrayList<>(List.of(args.trim().split("\\s+")));
        // the archive must not even be opened: the check comes before the command runs
        all.add("--db=" + dir.resolve("never.db"));
        if (all.get(0).equals("meta")) {
            all.remove(all.size() - 1);
        }

        Cli.Run r = Cli.expect(2, all.toArray(String[]::new));

        assertThat(r.err()).isEqualTo("currents: " + message + "\n");
        assertThat(r.out()).isEmpty();
        assertThat(dir.resolve("never.db")).doesNotExist();
    }

    @Test
    void aValueAtEitherEndOfItsRangeIsAccepted() {
        Range days = rangeOf("sync", "--days");
        assertThat(Ranges.within(1, days)).isTrue();
        assertThat(Ranges.within(36500, days)).isTrue();
        Range every = rangeOf("watch", "--every");
        assertThat(Ranges.within(Duration.ofSeconds(1), every)).isTrue();
        assertThat(Ranges.within(Duration.ofDays(30), every)).isTrue();
        assertThat(Ranges.within(Duration.ofDays(30).plusMillis(1), every)).isFalse();
    }

    /** Every numeric or duration option of every command has a range, says it in its help, and its default lies in it. */
    @Test
    void everyNumericOptionHasADocumentedRangeHoldingItsDefault() {
        CommandLine root =
                Currents.commandLine(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));
        List<String> checked = new ArrayList<>();
        for (CommandLine sub : root.getSubcommands().values()) {
            for (OptionSpec o : sub.getCommandSpec().options()) {
                if (!numeric(o.type())) {
                    continue;
                }
                String name = sub.getCommandName() + " " + o.longestName();
                Range r = Ranges.range(o);
                assertThat(r).as(name + " has a @Range").isNotNull();
                assertThat(String.join(" ", o.description()))
                        .as(name + "'s help states its range")
                        .contains("(" + Ranges.describe(r) + ";");
                if (o.defaultValue() != null) {
                    Object def = o.type() == Duration.class
                            ? new DurationConverter().convert(o.defaultValue())
                            : Long.parseLong(o.defaultValue());
                    assertThat(Ranges.within(def, r))
                            .as(name + "'s default is in its range")
                            .isTrue();
                }
                checked.add(name);
            }
        }
        assertThat(checked).contains("sync --days", "watch --every", "enrich --limit", "sync --max-tries");
    }

    private static boolean numeric(Class<?> t) {
        return t == int.class
                || t == Integer.class
                || t == long.class
                || t == Long.class
                || t == Duration.class
                || t == double.class;
    }

    private static Range rangeOf(String command, String option) {
        CommandLine root =
                Currents.commandLine(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));
        OptionSpec o = root.getSubcommands().get(command).getCommandSpec().findOption(option);
        return ((Field) o.userObject()).getAnnotation(Range.class);
    }
}
