package org.currents.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.currents.history.ImportListener;
import org.currents.history.ImportSummary;
import org.currents.history.Importer;
import org.currents.source.dump.DumpReader;
import org.currents.store.ArchiveStore;
import org.currents.store.Stores;

/** Test helpers: archives in temporary folders, the shipped sample, the shared corpus. */
public final class Archives {
    /** The shared folder next to the repository, where the corpus and tools live. */
    public static final Path SHARED = Path.of("..", "shared");

    private Archives() {}

    /** A fresh SQLite archive in {@code dir}. */
    public static ArchiveStore open(Path dir) {
        return Stores.open(dir.resolve("archive.db").toString());
    }

    /** Imports {@code file} into {@code store}. */
    public static ImportSummary importFile(ArchiveStore store, Path file) {
        try {
            ImportSummary s = Importer.into(store, Importer.Options.defaults(), new ImportListener() {})
                    .run(DumpReader.of(file));
            // as the import command does: the update path refreshes contexts, a build only reads them
            org.currents.relate.ContextIndexer.refresh(store);
            return s;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Copies the shipped demo sample (an XML export) into {@code dir}. */
    public static Path sample(Path dir) {
        return resource("/org/currents/sample/portal-sample.xml", dir.resolve("portal-sample.xml"));
    }

    /** Copies a classpath resource to {@code target}. */
    public static Path resource(String name, Path target) {
        try (InputStream in = Archives.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("no resource " + name);
            }
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
