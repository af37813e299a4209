/**
 * The Vigil store: a JDBC database for tracking and registry metadata plus a content-addressed
 * artifact folder, opened with {@link dev.vigil.store.Store#open}.
 *
 * <p>Where: {@link dev.vigil.store.StoreOptions#fromEnvironment} puts the store under
 * {@code $VIGIL_HOME} (default {@code .vigil/} in the working directory): the SQLite database
 * {@code vigil.db} (WAL journal, synchronous FULL, 60 s busy time-out, IMMEDIATE write transactions)
 * and {@code artifacts/}. {@code $VIGIL_STORE_URL} names a PostgreSQL database instead
 * ({@code jdbc:postgresql://host/db?user=..&password=..}) for a team; artifacts stay in the home folder,
 * which a team shares. The schema is created and upgraded by Flyway migrations on open (history table
 * {@code vigil_schema_history}); the SQL is the same on both dialects except the identity column and
 * the triggers that make the alias audit log append-only.
 *
 * <p>Times are stored as epoch milliseconds from the store's {@link java.time.Clock}. Transactions that
 * lose a lock race are retried (at most 20 times). Errors: {@link dev.vigil.NotFoundException}
 * (unknown name; 404 over HTTP), {@link dev.vigil.store.AlreadyExistsException},
 * {@link dev.vigil.store.TamperedArtifactException} (digest mismatch on load) and
 * {@link dev.vigil.StoreException} (I/O and database failures, with the cause).
 *
 * <p>{@link dev.vigil.store.Store#fsck} verifies every artifact a version references and lists orphan
 * blobs (written by a registration that did not commit) and interrupted writes; with repair it
 * deletes those older than a grace period so that a registration in progress elsewhere keeps its blob.
 */
package dev.vigil.store;
