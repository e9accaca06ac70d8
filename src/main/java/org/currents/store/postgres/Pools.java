package org.currents.store.postgres;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.util.HashMap;
import java.util.Map;

/**
 * One HikariCP pool per database and user in this process, shared by the stores opened on it
 * (a {@code serve}'s read pool opens several) and closed with the last of them. Each store
 * borrows one connection for as long as it is open; the writer lock has a session of its own.
 */
final class Pools {
    /**
     * Connections per pool, at most: a store holds one, and a process opens a few (serve's
     * {@code ReadPool} four, plus Flyway's while it migrates); an enrich worker's claims borrow
     * the other nine a statement at a time from its many fetch threads (at least four are
     * needed so that bookings do not queue behind one another). PostgreSQL's default {@code
     * max_connections} is 100; docs/deploy.md says how to size it for many processes.
     */
    static final int MAX_SIZE = 10;

    private record Shared(HikariDataSource pool, int[] users) {}

    private static final Map<String, Shared> POOLS = new HashMap<>();

    private Pools() {}

    static synchronized HikariDataSource acquire(PostgresUrl url) {
        String key = url.jdbcUrl() + "\n" + url.user() + "\n" + url.password();
        Shared s = POOLS.get(key);
        if (s == null) {
            HikariConfig config = new HikariConfig();
            config.setJdbcUrl(url.jdbcUrl());
            if (url.user() != null) {
                config.setUsername(url.user());
            }
            if (url.password() != null) {
                config.setPassword(url.password());
            }
            config.setPoolName("currents " + url.describe());
            config.setMaximumPoolSize(MAX_SIZE);
            config.setMinimumIdle(0);
            config.setConnectionTimeout(30_000);
            // readers' connections: setReadOnly(true) makes the session read-only, autocommit too
            config.addDataSourceProperty("readOnlyMode", "always");
            config.addDataSourceProperty("ApplicationName", "currents");
            // a batch of inserts as multi-row INSERTs: an import's commit is a few thousand rows
            config.addDataSourceProperty("reWriteBatchedInserts", "true");
            // plan every statement for its values: pgJDBC prepares a statement on the server at
            // its 5th use, and PostgreSQL's generic plan of "doc @@ to_tsquery(?) ORDER BY id
            // DESC LIMIT ?" walks the primary key whatever the words, which is right for a
            // common word and 50-220 ms for a rare one (every version read); planning costs
            // well under a millisecond (bench: BENCHMARKS.md, search on PostgreSQL)
            config.setConnectionInitSql("SET plan_cache_mode = force_custom_plan; SET random_page_cost = 1.1");
            s = new Shared(new HikariDataSource(config), new int[] {0});
            POOLS.put(key, s);
        }
        s.users[0]++;
        return s.pool;
    }

    static synchronized void release(HikariDataSource pool) {
        for (Map.Entry<String, Shared> e : POOLS.entrySet()) {
            if (e.getValue().pool == pool) {
                if (--e.getValue().users[0] == 0) {
                    POOLS.remove(e.getKey());
                    pool.close();
                }
                return;
            }
        }
    }
}
