package org.currents.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issues 9 and 12: the store a {@code --db} value names, and the one line when it names none. */
class StoresTest {
    @TempDir
    Path dir;

    @Test
    void saysInOneLineThatAValueIsNeitherAFileNorADatabaseUrl() {
        assertThatThrownBy(() -> Stores.open("mysql://admin:hunter2@db.example/news"))
                .isInstanceOf(StoreException.class)
                .hasMessageStartingWith("open mysql://admin:***@db.example/news: neither a file nor a database URL")
                .hasMessageNotContaining("hunter2")
                .hasMessageNotContaining("\n");
        assertThatThrownBy(() -> Stores.open("jdbc:h2:mem:x"))
                .hasMessageStartingWith("open jdbc:h2:mem:x: neither a file nor a database URL");
        assertThat(dir.resolve("mysql:")).doesNotExist();
    }

    @Test
    void aPlainPathIsASqliteFileEvenWithAColonInItsName() throws Exception {
        Path db = dir.resolve("news:2017.db");
        Stores.open(db.toString()).close();
        assertThat(Files.size(db)).isPositive();
        assertThat(Stores.provider(db.toString()).name()).isEqualTo("sqlite");
        assertThat(Stores.provider("jdbc:sqlite:" + db).name()).isEqualTo("sqlite");
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
