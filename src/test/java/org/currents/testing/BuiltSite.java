package org.currents.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The files of a built site, by their paths from the site root ({@code /news/2017/07/9/index.html}). */
public final class BuiltSite {
    private BuiltSite() {}

    /** The site paths of the files under {@code site} whose name ends with {@code suffix}, sorted. */
    public static List<String> paths(Path site, String suffix) {
        try (Stream<Path> files = Files.walk(site)) {
            return files.filter(Files::isRegularFile)
                    .filter(f -> f.getFileName().toString().endsWith(suffix))
                    .map(f -> "/" + site.relativize(f).toString().replace('\\', '/'))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The demo archive (the sample the program ships), imported into {@code dir/demo.db} and built into {@code dir/site}. */
    public static Path demo(Path dir, String... buildArgs) {
        Path sample = Archives.sample(dir);
        String db = dir.resolve("demo.db").toString();
        HostileHistory.run("import", "--db", db, sample.toString());
        Path site = dir.resolve("site");
        String[] args = Stream.concat(Stream.of("build", "--db", db, "--out", site.toString()), Stream.of(buildArgs))
                .toArray(String[]::new);
        HostileHistory.run(args);
        return site;
    }
}
