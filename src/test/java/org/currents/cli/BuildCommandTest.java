package org.currents.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.currents.testing.ExportBuilder.day;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.currents.testing.ExportBuilder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code currents build}: formats, folders it refuses, and an archive it only reads. */
class BuildCommandTest {
    static final String J9 = "Portal:Current events/2017 July 9";

    @TempDir
    Path dir;

    String db;
    Path site;

    @BeforeEach
    void importADay() {
        db = dir.resolve("a.db").toString();
        site = dir.resolve("site");
        Path xml = new ExportBuilder()
                .page(J9)
                .revision(
                        1,
                        "2017-07-09T10:00:00Z",
                        "Ann",
                        "new",
                        day(";Politics", "*A storm hits [[Freedonia]]. [http://a.example/1 (A News)]"))
                .write(dir.resolve("1.xml"));
        Cli.expect(0, "import", "--db", db, xml.toString());
    }

    private List<String> files() throws IOException {
        try (Stream<Path> s = Files.walk(site)) {
            return s.filter(Files::isRegularFile)
                    .map(p -> site.relativize(p).toString())
                    .sorted()
                    .toList();
        }
    }

    @Test
    void buildsTheMarkdownArchiveAndTheHtmlSiteSideBySide() throws IOException {
        Cli.Run r = Cli.expect(0, "build", "--db", db, "--out", site.toString());

        assertThat(r.out()).startsWith("built " + site + ": 1 days, ");
        assertThat(files())
                .contains(
                        "news/2017/07/9/index.md",
                        "news/2017/07/9/index.html",
                        "news/2017/07/9/a-storm-hits-freedonia.md",
                        "news/2017/07/9/a-storm-hits-freedonia.html",
                        "news/2017/07/index.html",
                        "news/2017/index.html",
                        "index.html",
                        "404.html",
                        "robots.txt",
                        "sitemap.xml",
                        "assets/style.css",
                        "feeds/latest.atom",
                        "feeds/topics/freedonia.atom",
                        "topics/index.html",
                        "topics/freedonia.html");
        Cli.Run again = Cli.expect(0, "build", "--db", db, "--out", site.toString());
        assertThat(again.out()).contains(" 0 written, ").contains(" 0 deleted ");
    }

    @Test
    void fullPlansTheWholeSiteAndWritesAgainAPageDeletedByHand() throws IOException {
        Cli.expect(0, "build", "--db", db, "--out", site.toString());
        Path page = site.resolve("news/2017/07/9/a-storm-hits-freedonia.html");
        Files.delete(page);
        // nothing changed: a build looks at nothing, and trusts the last build's pages
        assertThat(Cli.expect(0, "build", "--db", db, "--out", site.toString()).out())
                .contains(" 0 written, ");
        assertThat(page).doesNotExist();
        Cli.Run full = Cli.expect(0, "build", "--db", db, "--out", site.toString(), "--full");
        assertThat(full.out()).contains(" 1 written, ").contains(" 0 deleted ");
        assertThat(page).exists();
    }

    @Test
    void aSecondBuildIntoTheSameFolderAtOnceFailsInOneLineNamingTheFirst() throws Exception {
        Cli.expect(0, "build", "--db", db, "--out", site.toString());
        try (java.nio.channels.FileChannel first = java.nio.channels.FileChannel.open(
                        site.resolve(".currents-build.lock"), java.nio.file.StandardOpenOption.WRITE);
                java.nio.channels.FileLock held = first.lock()) {
            assertThat(held.isValid()).isTrue();
            Cli.Run r = Cli.expect(1, "build", "--db", db, "--out", site.toString());
            assertThat(r.err().strip())
                    .startsWith("currents: " + site + " is being built by another currents build")
                    .doesNotContain("\n")
                    .doesNotContain("Exception");
        }
        Cli.expect(0, "build", "--db", db, "--out", site.toString());
    }

    @ParameterizedTest(name = "--format {0}")
    @CsvSource({"md, .md, .html", "html, .html, .md"})
    void writesOneFormatWhenAsked(String format, String kept, String absent) throws IOException {
        Cli.expect(0, "build", "--db", db, "--out", site.toString(), "--format", format);

        List<String> pages = files().stream().filter(f -> f.startsWith("news/")).toList();
        assertThat(pages).isNotEmpty().allMatch(f -> f.endsWith(kept)).noneMatch(f -> f.endsWith(absent));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = ';',
            value = {
                "--format pdf ; currents: --format must be md or html: pdf",
                "--wiki javascript:alert(1) ; currents: --wiki must be an http(s) URL: javascript:alert(1)",
                "--base-url ftp://x.example ; currents: --base-url must be an http(s) URL: ftp://x.example",
            })
    void refusesBadOptionsWithExitTwoAndWritesNothing(String option, String message) {
        String[] o = option.split(" ");
        Cli.Run r = Cli.expect(2, "build", "--db", db, "--out", site.toString(), o[0], o[1]);

        assertThat(r.err()).isEqualTo(message + "\n");
        assertThat(site).doesNotExist();
    }

    @Test
    void refusesAnEmptyOut() {
        Cli.Run r = Cli.expect(2, "build", "--db", db, "--out", "");

        assertThat(r.err())
                .startsWith("currents: Invalid value for option '--out': an empty value names no file or folder\n");
    }

    @Test
    void refusesAFolderOfOtherFilesUnlessForcedAndDeletesNoneOfThem() throws IOException {
        Files.createDirectories(site.resolve("news/blog"));
        Files.writeString(site.resolve("news/blog/post.md"), "my post");

        Cli.Run r = Cli.expect(2, "build", "--db", db, "--out", site.toString());
        assertThat(r.err())
                .isEqualTo("currents: " + site + " holds files but no currents build; build into an empty folder,"
                        + " or give --force to build there anyway (a build only ever deletes pages it wrote)\n");
        assertThat(files()).containsExactly("news/blog/post.md");

        Cli.expect(0, "build", "--db", db, "--out", site.toString(), "--force");
        Cli.expect(0, "build", "--db", db, "--out", site.toString());
        assertThat(site.resolve("news/blog/post.md")).hasContent("my post");
    }

    @Test
    void onlyReadsTheArchive() throws Exception {
        String before = sha256(Path.of(db));

        Cli.expect(0, "build", "--db", db, "--out", site.toString());

        assertThat(sha256(Path.of(db))).isEqualTo(before);
        assertThat(Path.of(db + "-wal"))
                .satisfiesAnyOf(
                        p -> assertThat(p).doesNotExist(), p -> assertThat(p).isEmptyFile());
    }

    @Test
    void linksRevisionsToTheWikiItIsTold() throws IOException {
        Cli.expect(
                0,
                "build",
                "--db",
                db,
                "--out",
                site.toString(),
                "--format",
                "html",
                "--wiki",
                "https://wiki.example/w/api.php");

        assertThat(site.resolve("news/2017/07/9/a-storm-hits-freedonia.html"))
                .content()
                .contains("href=\"https://wiki.example/w/index.php?oldid=1\"");
    }

    /** Everything under {@code dir}, so that a refused build is seen to leave nothing behind. */
    private static List<String> tree(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.map(p -> dir.relativize(p).toString()).sorted().toList();
        }
    }

    @Test
    void refusesAFifoAFileALinkToAFileALinkToNothingAndAPathThroughAFileInOneLineWithoutWriting() throws Exception {
        Path fifo = dir.resolve("fifo");
        assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor())
                .isZero();
        Path file = Files.writeString(dir.resolve("file"), "not a folder");
        Path toFile = Files.createSymbolicLink(dir.resolve("to-file"), file);
        Path toNothing = Files.createSymbolicLink(dir.resolve("to-nothing"), dir.resolve("nothing"));
        List<String> before = tree(dir);
        String[][] cases = {
            {fifo.toString(), fifo + " is not a folder"},
            {file.toString(), file + " is not a folder"},
            {toFile.toString(), toFile + " is not a folder"},
            {
                toNothing.toString(),
                toNothing + " is a symbolic link to " + dir.resolve("nothing") + ", which does not exist"
            },
            {file + "/site", file + "/site cannot be made: " + file + " is not a folder"},
            {fifo + "/a/b", fifo + "/a/b cannot be made: " + fifo + " is not a folder"},
            {toNothing + "/site", toNothing + "/site cannot be made: " + toNothing + " is a symbolic link to nothing"},
        };
        for (String[] c : cases) {
            // a FIFO is never opened: the build would hang on it
            Cli.Run r = Cli.expect(2, "build", "--db", db, "--out", c[0]);
            assertThat(r.err()).as(c[0]).isEqualTo("currents: " + c[1] + "\n");
        }
        assertThat(tree(dir)).isEqualTo(before);
        assertThat(file).hasContent("not a folder");
    }

    @Test
    void buildsThroughALinkToAFolderIntoThatFolderAndIncrementallyAfter() throws IOException {
        Path real = Files.createDirectories(dir.resolve("real"));
        Path link = Files.createSymbolicLink(dir.resolve("link"), real);

        Cli.expect(0, "build", "--db", db, "--out", link.toString());
        assertThat(real.resolve("news/2017/07/9/index.html")).isRegularFile();
        assertThat(real.resolve(".currents-build")).isDirectory();
        assertThat(Files.isSymbolicLink(link)).isTrue();
        Cli.Run again = Cli.expect(0, "build", "--db", db, "--out", link.toString());
        assertThat(again.out()).contains(" 0 written, ").contains(" 0 deleted ");
        try (Stream<Path> s = Files.list(dir)) {
            assertThat(s.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith(".currents-build"));
        }
    }

    private static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }
}
