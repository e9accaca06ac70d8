package org.currents.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.currents.store.StoreException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Issue 12: the file a {@code jdbc:sqlite:} URL names, SQLite URI filenames included. */
class SqliteStoreProviderTest {
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
        assertThat(SqliteStoreProvider.sqlitePath(rest)).isEqualTo(path);
    }

    @Test
    void refusesAFileUriOfAnotherHost() {
        assertThatThrownBy(() -> SqliteStoreProvider.sqlitePath("file://db.example/x/a.db"))
                .isInstanceOf(StoreException.class)
                .hasMessage("open jdbc:sqlite:file://db.example/x/a.db: a SQLite file URI names no other host");
    }
}
