package org.currents.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 12, defect 3: {@code export --out} writes into what it is given, replacing only regular files. */
class ExportTargetTest {
    @TempDir
    Path dir;

    String db;

    @BeforeEach
    void archive() {
        db = dir.resolve("a.db").toString();
        Cli.expect(
                0,
                "import",
                "--db",
                db,
                CliTest.resource("/source/export-0.11.xml").toString());
    }

    Cli.Run export(int code, String out) {
        return Cli.expect(code, "export", "--db", db, "--out", out);
    }

    @Test
    void replacesARegularFileAtomicallyKeepingItsPermissionsAndLeavingNoTemporaryFile() throws IOException {
        Path out = Files.writeString(dir.resolve("events.jsonl"), "old\n");
        Files.setPosixFilePermissions(out, PosixFilePermissions.fromString("rw-rw----"));

        export(0, out.toString());

        assertThat(Files.readString(out)).startsWith("{\"id\":").doesNotContain("old");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(out)))
                .isEqualTo("rw-rw----");
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
        }
    }

    @Test
    void writesThroughASymbolicLinkToItsTargetAndKeepsTheLink() throws IOException {
        Path elsewhere = Files.createDirectories(dir.resolve("data"));
        Path target = Files.writeString(elsewhere.resolve("events.jsonl"), "old\n");
        Path link = Files.createSymbolicLink(dir.resolve("latest.jsonl"), Path.of("data/events.jsonl"));

        export(0, link.toString());

        assertThat(Files.isSymbolicLink(link)).isTrue();
        assertThat(Files.readSymbolicLink(link)).isEqualTo(Path.of("data/events.jsonl"));
        assertThat(Files.readString(target)).startsWith("{\"id\":");
    }

    @Test
    void createsTheTargetOfADanglingLink() throws IOException {
        Path link = Files.createSymbolicLink(dir.resolve("latest.jsonl"), dir.resolve("new.jsonl"));

        export(0, link.toString());

        assertThat(Files.isSymbolicLink(link)).isTrue();
        assertThat(Files.readString(dir.resolve("new.jsonl"))).startsWith("{\"id\":");
    }

    @Test
    void streamsIntoAFifoAndLeavesItAFifo() throws Exception {
        Path fifo = dir.resolve("pipe");
        assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor())
                .isZero();
        CompletableFuture<String> read = CompletableFuture.supplyAsync(() -> {
            try {
                return Files.readString(fifo, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new RuntimeException(e);
            }
        });

        export(0, fifo.toString());

        assertThat(read.get(20, TimeUnit.SECONDS)).startsWith("{\"id\":").endsWith("\n");
        assertThat(Files.isRegularFile(fifo, LinkOption.NOFOLLOW_LINKS)).isFalse();
        assertThat(Files.readAttributes(fifo, "unix:mode").get("mode"))
                .matches(m -> (((Integer) m) & 0170000) == 0010000);
    }

    @Test
    void saysNoSpaceOnDevFullAndLeavesItADevice() throws IOException {
        Cli.Run r = export(1, "/dev/full");

        assertThat(r.err()).isEqualTo("currents: cannot write /dev/full: no space left on device\n");
        assertThat(Files.isRegularFile(Path.of("/dev/full"))).isFalse();
        assertThat(Files.exists(Path.of("/dev/full.tmp"))).isFalse();
    }

    @Test
    void writesIntoDevNullWithoutReplacingIt() {
        export(0, "/dev/null");

        assertThat(Files.isRegularFile(Path.of("/dev/null"))).isFalse();
    }

    @Test
    void namesTheMissingFolder() {
        Path out = dir.resolve("nowhere").resolve("events.jsonl");

        Cli.Run r = export(1, out.toString());

        assertThat(r.err()).isEqualTo("currents: cannot write " + out + ": no such folder " + out.getParent() + "\n");
    }

    @Test
    void refusesAFolderAndAnEmptyNameAsUsageErrors() {
        assertThat(export(2, dir.toString()).err())
                .isEqualTo("currents: " + dir + " is a folder; give a file to write\n");
        assertThat(export(2, "").err())
                .isEqualTo("currents: --out must name a file (or - for stdout), not an empty string\n");
    }
}
