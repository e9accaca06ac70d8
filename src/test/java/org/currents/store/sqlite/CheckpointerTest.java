package org.currents.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The checkpoint thread copies a grown WAL into the database file, and only a grown one. */
class CheckpointerTest {
    @TempDir
    Path dir;

    @Test
    void copiesTheWalBackOnceItHasGrownAndStopsOnClose() throws Exception {
        Path db = dir.resolve("a.db");
        String url = "jdbc:sqlite:" + db;
        try (Connection writer = DriverManager.getConnection(url);
                Statement st = writer.createStatement()) {
            st.execute("PRAGMA journal_mode = WAL");
            st.execute("PRAGMA wal_autocheckpoint = 0"); // only the thread checkpoints here
            st.execute("CREATE TABLE t (b BLOB)");
            Checkpointer cp = Checkpointer.start(writer, url);
            assertThat(cp).isNotNull();
            try {
                st.execute("INSERT INTO t VALUES (randomblob(1000))");
                cp.committed(); // a small WAL: left alone
                Thread.sleep(300);
                long small = Files.size(db);
                assertThat(small).isLessThan(1 << 20);

                st.execute("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 10000)"
                        + " INSERT INTO t SELECT randomblob(4000) FROM n");
                assertThat(Files.size(dir.resolve("a.db-wal"))).isGreaterThan(Checkpointer.WAL_BYTES);
                assertThat(Files.size(db)).isEqualTo(small);
                cp.committed();
                for (int k = 0; k < 200 && Files.size(db) < 32L << 20; k++) {
                    Thread.sleep(50);
                }
                assertThat(Files.size(db)).isGreaterThan(32L << 20);
            } finally {
                cp.close();
            }
            assertThat(Thread.getAllStackTraces().keySet())
                    .noneMatch(t -> t.getName().equals("currents-checkpoint") && t.isAlive());
        }
    }

    @Test
    void noThreadForADatabaseInMemory() throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite::memory:")) {
            assertThat(Checkpointer.start(c, "jdbc:sqlite::memory:")).isNull();
        }
    }
}
