package org.currents.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CliTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"--help", "-h", "help", "import --help", "stats --help", "parse --help"})
    void printsHelpAndExitsZero(String args) {
        Cli.Run r = Cli.expect(0, args.split(" "));

        assertThat(r.out()).containsPattern("(?m)^Usage: currents");
        assertThat(r.err()).isEmpty();
    }

    /**
     * A command named first is set up alone (the others' model is most of a start): each name
     * makes the command of that name, and what it prints of itself is what the whole tree prints.
     */
    @Test
    void aCommandNamedFirstIsSetUpAloneAndSaysTheSame() {
        picocli.CommandLine root = Currents.commandLine(
                new java.io.PrintWriter(new java.io.StringWriter()),
                new java.io.PrintWriter(new java.io.StringWriter()));
        assertThat(root.getSubcommands().keySet()).containsAll(Subcommands.NAMES);
        for (String name : Subcommands.NAMES) {
            assertThat(new picocli.CommandLine(Subcommands.named(name)).getCommandName())
                    .isEqualTo(name);
            String alone = Cli.expect(0, name, "--help").out();
            String whole = root.getSubcommands().get(name).getUsageMessage();
            assertThat(alone).as(name).isEqualTo(whole);
        }
        assertThat(Subcommands.named("help")).isNull();
        assertThat(Subcommands.named("index")).isNull();
        // an unknown name is answered by the whole tree, as before
        assertThat(Cli.expect(2, "imprt").err())
                .isEqualTo("currents: Unmatched argument at index 0: 'imprt'\nTry 'currents --help' for more"
                        + " information.\n");
        assertThat(Cli.expect(2, "stats", "--no-such-option").err())
                .isEqualTo("currents: Unknown option: '--no-such-option'\nTry 'currents stats --help' for more"
                        + " information.\n");
    }

    /**
     * A command's help is filled prose: no line of a description ends short of the width and
     * goes on, lower case, on the next (a description given as an array of source lines printed
     * each as a paragraph of its own, wrapped at 80 columns: "... every revision of" / "every
     * Current events day page ...").
     */
    @Test
    void everyCommandsHelpIsFilledNotBrokenAtItsSourceLines() {
        for (String name : Subcommands.NAMES) {
            List<String> lines = Cli.expect(0, name, "--help").out().lines().toList();
            for (int i = 0; i + 1 < lines.size(); i++) {
                String line = lines.get(i);
                String next = lines.get(i + 1).strip();
                boolean goesOn = !next.isEmpty() && Character.isLowerCase(next.charAt(0));
                assertThat(goesOn && line.length() < 60)
                        .as("%s --help, a short line that goes on: %s / %s", name, line, next)
                        .isFalse();
            }
        }
    }

    /** Issue 12: each command's line in {@code --help} is a summary that stands alone, not a cut sentence. */
    @Test
    void helpListsEveryCommandWithAOneLineSummary() {
        Cli.Run r = Cli.expect(0, "--help");
        picocli.CommandLine root = Currents.commandLine(
                new java.io.PrintWriter(new java.io.StringWriter()),
                new java.io.PrintWriter(new java.io.StringWriter()));

        for (var e : root.getSubcommands().entrySet()) {
            if (e.getKey().equals("help")) {
                continue;
            }
            String[] header = e.getValue().getCommandSpec().usageMessage().header();
            assertThat(header).as(e.getKey() + " has a one-line header").hasSize(1);
            assertThat(header[0]).as(e.getKey()).endsWith(".").hasSizeLessThanOrEqualTo(66);
            assertThat(r.out())
                    .containsPattern("(?m)^  " + e.getKey() + " +" + java.util.regex.Pattern.quote(header[0]) + "$");
        }
    }

    @ParameterizedTest(name = "currents {0}")
    @CsvSource(
            delimiter = ';',
            value = {
                "stats --db=;               Invalid value for option '--db': an empty value names no file or folder ; currents stats",
                "build --out=;              Invalid value for option '--out': an empty value names no file or folder ; currents build",
                "demo --out=;               Invalid value for option '--out': an empty value names no file or folder ; currents demo",
                "watch --out=;              Invalid value for option '--out': an empty value names no file or folder ; currents watch",
                "enrich --db=;              Invalid value for option '--db': an empty value names no file or folder ; currents enrich",
            })
    void refusesAnEmptyPathAsAUsageError(String args, String message, String command) {
        Cli.Run r = Cli.expect(2, args.trim().split("\\s+"));

        assertThat(r.err())
                .isEqualTo("currents: " + message.trim() + "\nTry '" + command.trim()
                        + " --help' for more information.\n");
    }

    @Test
    void parseNamesAFolderGivenAsItsFile() {
        Cli.Run r = Cli.expect(2, "parse", dir.toString());

        assertThat(r.err()).isEqualTo("currents: " + dir + " is a folder; give a file of wikitext\n");
    }

    @Test
    void printsTheVersionAndExitsZero() {
        Cli.Run r = Cli.expect(0, "--version");

        // tests run from classes, without the jar's manifest
        assertThat(r.out()).isEqualTo("currents (development build)\n");
        assertThat(r.err()).isEmpty();
    }

    @ParameterizedTest(name = "currents {0}")
    @CsvSource(
            delimiter = ';',
            value = {
                "import --frobnicate x.xml ; Unknown option: '--frobnicate' ; currents import",
                "import                    ; Missing required parameter: 'FILE' ; currents import",
                "stats --db                ; Missing required parameter for option '--db' (PATH|URL) ; currents stats",
                "parse                     ; Missing required parameter: 'FILE.wiki' ; currents parse",
                "frobnicate                ; Unmatched argument at index 0: 'frobnicate' ; currents",
                "stats --json extra        ; Unmatched argument at index 2: 'extra' ; currents stats",
            })
    void refusesBadUsageWithPicocliMessageAHintAndExitTwo(String args, String message, String command) {
        Cli.Run r = Cli.expect(2, args.split(" "));

        assertThat(r.err())
                .isEqualTo("currents: " + message + "\nTry '" + command + " --help' for more information.\n");
        assertThat(r.out()).isEmpty();
    }

    @ParameterizedTest(name = "currents {0} ...")
    @ValueSource(strings = {"import", "parse"})
    void saysWhichInputFileIsMissingAndExitsTwo(String command) {
        String missing = dir.resolve("nowhere.xml").toString();
        Cli.Run r = Cli.expect(2, command, missing);

        assertThat(r.err()).isEqualTo("currents: no such file: " + missing + "\n");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void importRefusesADirectoryAsInput() {
        Cli.Run r = Cli.expect(2, "import", "--db", dir.resolve("a.db").toString(), dir.toString());

        assertThat(r.err()).isEqualTo("currents: no such file: " + dir + "\n");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"stats", "build --out SITE", "export --out SITE.json", "rebuild", "enrich --contact a@b.c"})
    void refusesToReadAnArchiveThatDoesNotExistAndCreatesNone(String command) {
        Path typo = dir.resolve("curents.db");
        List<String> args = new ArrayList<>(
                List.of(command.replace("SITE", dir.resolve("site").toString()).split(" ")));
        args.addAll(List.of("--db", typo.toString()));

        Cli.Run r = Cli.expect(1, args.toArray(String[]::new));

        assertThat(r.err())
                .isEqualTo("currents: open archive " + typo + ": no such file (currents import creates it)\n");
        assertThat(typo).doesNotExist();
        assertThat(dir.resolve("site")).doesNotExist();
    }

    @Test
    void statsJsonPrintsOneFlatObjectOfCounts() throws IOException {
        Cli.Run r = Cli.expect(0, "stats", "--json", "--db", emptyArchive());

        assertThat(r.out()).endsWith("\n").doesNotContain("\n\n");
        assertThat(r.out().strip()).doesNotContain("\n");
        JsonNode stats = JSON.readTree(r.out());
        assertThat(stats.isObject()).isTrue();
        List<String> names = new ArrayList<>();
        stats.fields().forEachRemaining(e -> {
            names.add(e.getKey());
            assertThat(e.getValue().isIntegralNumber()).as(e.getKey()).isTrue();
            assertThat(e.getValue().asLong()).as(e.getKey()).isZero();
        });
        assertThat(names).contains("pages", "revisions", "events", "versions", "problems", "observed_events");
        assertThat(r.err()).isEmpty();
    }

    @Test
    void statsPrintsAlignedCountsForPeople() {
        Cli.Run r = Cli.expect(0, "stats", "--db", emptyArchive());

        String[] lines = r.out().split("\n");
        assertThat(lines[0]).matches("pages {2,}0");
        assertThat(lines)
                .allMatch(l -> l.matches("[a-z_]+ {2,}[0-9,]+"), "name and count")
                .allMatch(l -> l.indexOf(" 0") == lines[0].indexOf(" 0"), "counts in one column");
    }

    @Test
    void parsePrintsOneJsonObjectPerEvent() throws IOException {
        Cli.Run r = Cli.expect(0, "parse", fixture("2017-07-09.wiki").toString());

        String[] lines = r.out().split("\n");
        assertThat(lines).hasSize(2);
        JsonNode first = JSON.readTree(lines[0]);
        assertThat(first.get("day").asText()).isEqualTo("2017-07-09");
        assertThat(first.get("category").asText()).isEqualTo("Armed conflicts and attacks");
        assertThat(first.get("stories").toString()).isEqualTo("[\"Battle of Mosul\"]");
        assertThat(first.get("text").asText())
                .isEqualTo("Iraqi Prime Minister Haider al-Abadi arrives in Mosul to congratulate the armed forces"
                        + " on the city's recapture.");
        assertThat(first.get("sources").toString())
                .isEqualTo("[{\"url\":\"http://www.bbc.com/news/world-middle-east-40548846\",\"outlet\":\"BBC\"}]");
        assertThat(first.get("position").asInt()).isEqualTo(1);
        JsonNode second = JSON.readTree(lines[1]);
        assertThat(second.get("category").asText()).isEqualTo("Sports");
        assertThat(second.get("sources").get(0).get("outlet").asText()).isEqualTo("The Guardian");
        assertThat(second.get("position").asInt()).isEqualTo(2);
    }

    @Test
    void parseTakesTheDayFromTheOption() throws IOException {
        Cli.Run r = Cli.expect(
                0, "parse", "--day", "2017-07-10", fixture("2017-07-09.wiki").toString());

        assertThat(JSON.readTree(r.out().split("\n")[0]).get("day").asText()).isEqualTo("2017-07-10");
    }

    @Test
    void parseRefusesABadDayAsUsage() throws IOException {
        Cli.Run r = Cli.expect(
                2, "parse", "--day", "2017-13-45", fixture("2017-07-09.wiki").toString());

        assertThat(r.err()).isEqualTo("currents: --day must be YYYY-MM-DD: 2017-13-45\n");
    }

    @Test
    void parseSaysAFileIsNotUtf8() throws IOException {
        Path latin1 = Files.write(dir.resolve("latin1.wiki"), new byte[] {'*', 'C', 'a', 'f', (byte) 0xE9, '\n'});

        Cli.Run r = Cli.expect(1, "parse", latin1.toString());

        assertThat(r.err()).isEqualTo("currents: " + latin1 + " is not UTF-8 text\n");
    }

    /** An archive that cannot be opened, and the one line that says why. */
    enum BadDb {
        DIRECTORY,
        GARBAGE,
        MISSING_DIRECTORY,
        FOREIGN_SQLITE
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "DIRECTORY         | it is a directory",
                "GARBAGE           | it is not a SQLite database",
                "MISSING_DIRECTORY | directory {dir}/nowhere does not exist",
                "FOREIGN_SQLITE    | it is a SQLite database but not a currents archive (it has tables and no schema_version)",
            })
    void saysInOneLineWhyTheArchiveCannotBeOpened(BadDb bad, String why) throws Exception {
        String db = badDb(bad);
        for (String command : List.of("stats", "import")) {
            List<String> args = new ArrayList<>(List.of(command, "--db", db));
            if (command.equals("import")) {
                args.add(resource("/source/export-0.11.xml").toString());
            }

            Cli.Run r = Cli.expect(1, args.toArray(String[]::new));

            assertThat(r.err())
                    .isEqualTo("currents: open archive " + db + ": " + why.replace("{dir}", dir.toString()) + "\n");
            assertThat(r.out()).isEmpty();
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"--verbose stats --db DB", "stats --verbose --db DB", "stats --db DB --verbose"})
    void showsTheStackTraceOnlyWhenVerbose(String args) throws IOException {
        String db = badDb(BadDb.GARBAGE);

        Cli.Run quiet = Cli.expect(1, "stats", "--db", db);
        Cli.Run verbose = Cli.expect(1, args.replace("DB", db).split(" "));

        assertThat(quiet.err()).doesNotContain("\tat ").hasLineCount(1);
        assertThat(verbose.err())
                .startsWith(quiet.err() + "org.currents.store.StoreException: open archive " + db)
                .contains("\tat org.currents.store.sqlite.SqliteStore.open(");
    }

    @Test
    void redactsThePasswordOfADatabaseUrl() {
        // a closed port of this machine: the connection fails without leaving it
        for (String db : new String[] {
            "jdbc:postgresql://news:s3cret@127.0.0.1:1/currents", "postgresql://127.0.0.1:1/currents?password=s3cret"
        }) {
            Cli.Run r = Cli.expect(1, "stats", "--db", db);
            assertThat(r.err())
                    .doesNotContain("s3cret")
                    .startsWith("currents: open archive " + db.replace("s3cret", "***")
                            + ": cannot reach the PostgreSQL server (")
                    .hasLineCount(1);
        }
    }

    private String emptyArchive() {
        Path db = dir.resolve("empty.db");
        org.currents.store.Stores.open(db.toString()).close();
        return db.toString();
    }

    private String badDb(BadDb bad) throws IOException {
        return switch (bad) {
            case DIRECTORY ->
                Files.createDirectories(dir.resolve("a-directory.db")).toString();
            case GARBAGE -> {
                byte[] junk = new byte[4096];
                new java.util.Random(7).nextBytes(junk);
                yield Files.write(dir.resolve("garbage.db"), junk).toString();
            }
            case MISSING_DIRECTORY -> dir.resolve("nowhere").resolve("a.db").toString();
            case FOREIGN_SQLITE -> {
                Path p = dir.resolve("mail.sqlite");
                try (var c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + p);
                        var st = c.createStatement()) {
                    st.execute("CREATE TABLE messages (id INTEGER PRIMARY KEY, subject TEXT)");
                } catch (java.sql.SQLException e) {
                    throw new IOException(e);
                }
                yield p.toString();
            }
        };
    }

    static Path fixture(String name) {
        return resource("/cli/" + name);
    }

    static Path resource(String name) {
        try {
            return Path.of(CliTest.class.getResource(name).toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new AssertionError("missing fixture " + name, e);
        }
    }
}
