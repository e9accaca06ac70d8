package org.currents.store.jdbc;

import java.sql.SQLException;
import java.util.List;
import org.currents.store.DomainSource;
import org.currents.store.SearchPage;
import org.currents.store.SearchQuery;

/** A dialect's full-text search and the domain lookups beside it, for {@link JdbcStore}. */
public interface Search {
    /** {@link org.currents.store.ArchiveStore#search}. */
    SearchPage search(SearchQuery query) throws SQLException;

    /** The cited URLs of {@code domain} after {@code afterUrl}, without their metadata. */
    List<DomainSource> ofDomain(String domain, String afterUrl, int limit) throws SQLException;

    /**
     * Empties the index of every version at once, in the caller's transaction, before {@link
     * org.currents.store.ArchiveStore#resetHistories} deletes the versions (rather than one row
     * at a time through the versions' delete trigger).
     */
    void clear() throws SQLException;
}
