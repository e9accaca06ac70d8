package org.currents.store.sqlite;

import org.currents.store.jdbc.PackObservations;

/** Schema 12: one packed row of observations per revision (see {@link PackObservations}). */
public final class V12__Pack_observations extends PackObservations {}
