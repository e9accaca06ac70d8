package org.currents.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JdbcTest {
    private static final int ROWS = 1200;

    @TempDir
    Path dir;

    private Connection connection;
    // the SQL of every statement prepared through the helper, in order
    private final List<String> prepared = new ArrayList<>();
    private Jdbc jdbc;

    @BeforeEach
    void open() throws SQLException {
        connection = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("jdbc.db"));
        try (Statement st = connection.createStatement()) {
            st.executeUpdate("CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT)");
            // one statement for all rows: a batch in autocommit mode syncs once per row
            st.executeUpdate("WITH RECURSIVE n(id) AS (SELECT 1 UNION ALL SELECT id + 1 FROM n WHERE id < " + ROWS
                    + ") INSERT INTO t (id, name) SELECT id, 'n' || id FROM n");
        }
        jdbc = new Jdbc(recording(connection));
    }

    @AfterEach
    void close() throws SQLException {
        connection.close();
    }

    @ParameterizedTest
    @CsvSource({"0, ''", "1, 1", "500, 500", "501, 500 1", "1001, 500 500 1"})
    void queriesKeysInChunksOfFiveHundred(int keys, String chunkSizes) throws SQLException {
        List<Long> ids = LongStream.rangeClosed(1, keys).boxed().toList();
        Map<Long, String> found = new HashMap<>();

        jdbc.forEachIn("SELECT id, name FROM t WHERE id IN", ids, rs -> found.put(rs.getLong(1), rs.getString(2)));

        assertThat(found)
                .hasSize(keys)
                .allSatisfy((id, name) -> assertThat(name).isEqualTo("n" + id));
        assertThat(prepared).extracting(JdbcTest::markers).containsExactlyElementsOf(sizes(chunkSizes));
        assertThat(Jdbc.chunks(ids)).extracting(List::size).containsExactlyElementsOf(sizes(chunkSizes));
    }

    @Test
    void keepsTheOrderOfKeysAcrossChunksAndBindsStrings() throws SQLException {
        List<String> names = new ArrayList<>();
        for (long id = ROWS; id > ROWS - 501; id--) {
            names.add("n" + id);
        }
        names.add("absent");

        List<List<String>> chunks = Jdbc.chunks(names);
        List<Long> ids = new ArrayList<>();
        jdbc.forEachIn("SELECT id FROM t WHERE name IN", names, rs -> ids.add(rs.getLong(1)));

        assertThat(chunks).hasSize(2);
        assertThat(chunks.get(0)).hasSize(500).startsWith("n1200").endsWith("n701");
        assertThat(chunks.get(1)).containsExactly("n700", "absent");
        assertThat(ids).hasSize(501).doesNotHaveDuplicates().allMatch(id -> id > ROWS - 501);
    }

    @Test
    void listsOneColumnAndReadsTheFirstRow() throws SQLException {
        assertThat(jdbc.list("SELECT name FROM t WHERE id <= ? ORDER BY id", rs -> rs.getString(1), 3L))
                .containsExactly("n1", "n2", "n3");
        assertThat(jdbc.list("SELECT id FROM t WHERE name = ? AND id > ?", rs -> rs.getLong(1), "n7", 6))
                .containsExactly(7L);
        assertThat(jdbc.first("SELECT id FROM t WHERE name = ?", rs -> rs.getLong(1), "n9"))
                .contains(9L);
        assertThat(jdbc.first("SELECT id FROM t WHERE name = ?", rs -> rs.getLong(1), "none"))
                .isEmpty();
        assertThat(jdbc.exists("SELECT 1 FROM t WHERE id = ?", 1200L)).isTrue();
        assertThat(jdbc.exists("SELECT 1 FROM t WHERE id = ?", 1201L)).isFalse();
    }

    @Test
    void countsTheRowsAnUpdateChanged() throws SQLException {
        assertThat(jdbc.update("UPDATE t SET name = ? WHERE id > ?", "late", (long) ROWS - 2))
                .isEqualTo(2);
        assertThat(jdbc.list("SELECT count(*) FROM t WHERE name = 'late'", rs -> rs.getInt(1)))
                .containsExactly(2);
    }

    @Test
    void runsABatchOncePerItem() throws SQLException {
        int[] changed = jdbc.batch(
                "UPDATE t SET name = ? WHERE id = ?", List.of(1L, 2L, 5000L), id -> new Object[] {"b" + id, id});

        assertThat(changed).containsExactly(1, 1, 0);
        assertThat(jdbc.list("SELECT name FROM t WHERE name LIKE 'b%' ORDER BY id", rs -> rs.getString(1)))
                .containsExactly("b1", "b2");
        assertThat(jdbc.batch("DELETE FROM t WHERE id = ?", List.<Long>of(), id -> new Object[] {id}))
                .isEmpty();
    }

    @Test
    void aCachingHelperPreparesEachBatchOnceAndAgainAfterAFailure() throws SQLException {
        Jdbc caching = new Jdbc(recording(connection), true);
        String update = "UPDATE t SET name = ? WHERE id = ?";
        String insert = "INSERT INTO t (id, name) VALUES (?, ?)";

        caching.batch(update, List.of(1L), id -> new Object[] {"c" + id, id});
        caching.batch(update, List.of(2L, 3L), id -> new Object[] {"c" + id, id});
        caching.batch(insert, List.<Long>of(), id -> new Object[] {id, "none"}); // nothing to run, nothing prepared
        assertThatThrownBy(() -> caching.batch(insert, List.of(1L), id -> new Object[] {id, "dup"}))
                .isInstanceOf(SQLException.class); // id 1 exists
        caching.batch(insert, List.of((long) ROWS + 1), id -> new Object[] {id, "new"});
        caching.close();

        assertThat(prepared).containsExactly(update, insert, insert);
        assertThat(jdbc.list(
                        "SELECT name FROM t WHERE id IN (1, 2, 3, " + (ROWS + 1) + ") ORDER BY id",
                        rs -> rs.getString(1)))
                .containsExactly("c1", "c2", "c3", "new");
    }

    @Test
    void bindsNullAsSqlNull() throws SQLException {
        jdbc.update("INSERT INTO t (id, name) VALUES (?, ?)", (long) ROWS + 1, null);

        assertThat(jdbc.list("SELECT id FROM t WHERE name IS NULL", rs -> rs.getLong(1)))
                .containsExactly((long) ROWS + 1);
    }

    @Test
    void refusesParametersOfOtherTypes() {
        assertThatThrownBy(() -> jdbc.list("SELECT id FROM t WHERE id = ?", rs -> rs.getLong(1), 1.5))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("parameter 1 must be a String, Long, Integer or byte[]: java.lang.Double");
        assertThatThrownBy(() -> Jdbc.placeholders(0)).isInstanceOf(IllegalArgumentException.class);
        assertThat(Jdbc.placeholders(3)).isEqualTo("?,?,?");
    }

    private static int markers(String sql) {
        return (int) sql.chars().filter(ch -> ch == '?').count();
    }

    private static List<Integer> sizes(String spaced) {
        List<Integer> out = new ArrayList<>();
        for (String s : spaced.split(" ")) {
            if (!s.isEmpty()) {
                out.add(Integer.parseInt(s));
            }
        }
        return out;
    }

    /** {@code real}, noting the SQL of each statement prepared on it. */
    private Connection recording(Connection real) {
        return (Connection) Proxy.newProxyInstance(
                Connection.class.getClassLoader(), new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                    if (method.getName().equals("prepareStatement")) {
                        prepared.add((String) args[0]);
                    }
                    try {
                        return method.invoke(real, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
