package org.currents.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Issue 12: the archive a {@code --db} value names, SQLite URI filenames included. */
class StoresTest {
    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "/x/a.db, /x/a.db",
        "relative.db, relative.db",
        "file:/x/a.db?mode=ro, /x/a.db",
        "file:///x/a.db, /x/a.db",
        "file://localhost/x/a.db?mode=ro&cache=shared, /x/a.db",
        "file:/x/a%20b.db, /x/a b.db",
        "file:/x/a+b.db, /x/a+b.db",
        "file:relative.db?mode=ro, relative.db",
    })
    void readsThePathOfASqliteUrl(String rest, String path) {
        assertThat(Stores.sqlitePath(rest)).isEqualTo(path);
    }

    @Test
    void refusesAFileUriOfAnotherHost() {
        assertThatThrownBy(() -> Stores.sqlitePath("file://db.example/x/a.db"))
                .isInstanceOf(StoreException.class)
                .hasMessage("open jdbc:sqlite:file://db.example/x/a.db: a SQLite file URI names no other host");
    }

    @Test
    void opensTheArchiveAFileUriNames() throws Exception {
        Path db = dir.resolve("a b.db");
        Stores.open(db.toString()).close();
        long size = Files.size(db);

        try (ArchiveStore store =
                Stores.open("jdbc:sqlite:file:" + db.toString().replace(" ", "%20") + "?mode=ro")) {
            assertThat(store.stats()).containsEntry("pages", 0L);
        }
        assertThat(dir.resolve("file:")).doesNotExist();
        assertThat(Files.size(db)).isEqualTo(size);
    }
}
