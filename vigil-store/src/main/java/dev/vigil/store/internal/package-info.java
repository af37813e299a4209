/** JDBC implementations of tracking and the registry, connection handling and fsck. Not API. */
package dev.vigil.store.internal;
