package org.currents.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.currents.store.StoreException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** libpq URIs and pgJDBC URLs name the same database; the password never shows. */
class PostgresUrlTest {
    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "postgresql://db.example/news | jdbc:postgresql://db.example/news | | ",
                "postgresql://ann@db.example:5433/news | jdbc:postgresql://db.example:5433/news | ann | ",
                "postgresql://ann:s%40cret@db.example/news | jdbc:postgresql://db.example/news | ann | s@cret",
                "postgres://db.example/news?user=bo&password=pw&sslmode=require"
                        + " | jdbc:postgresql://db.example/news?sslmode=require | bo | pw",
                "jdbc:postgresql://127.0.0.1:5432/news?user=postgres&currentSchema=a1"
                        + " | jdbc:postgresql://127.0.0.1:5432/news?currentSchema=a1 | postgres | ",
                "postgresql:///news | jdbc:postgresql://localhost/news | | ",
            })
    void readsTheDatabaseAndTheCredentials(String db, String jdbc, String user, String password) {
        PostgresUrl url = PostgresUrl.parse(db);
        assertThat(url.jdbcUrl()).isEqualTo(jdbc);
        assertThat(url.user()).isEqualTo(user);
        assertThat(url.password()).isEqualTo(password);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "postgresql://ann:hunter2@db.example/news | postgresql://ann:***@db.example/news",
                "postgresql://db.example/news?user=ann&password=hunter2 | postgresql://db.example/news?user=ann&password=***",
                "jdbc:postgresql://db.example/news?password=hunter2&user=ann"
                        + " | jdbc:postgresql://db.example/news?password=***&user=ann",
            })
    void describesItWithoutThePassword(String db, String described) {
        PostgresUrl url = PostgresUrl.parse(db);
        assertThat(url.describe()).isEqualTo(described);
        assertThat(url.toString()).doesNotContain("hunter2");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"postgresql://ann:hunter2@db.example", "postgresql://ann:hunter2@db.example/"})
    void aUrlWithoutADatabaseSaysSo(String db) {
        assertThatThrownBy(() -> PostgresUrl.parse(db))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("the URL names no database")
                .hasMessageNotContaining("hunter2");
    }
}
