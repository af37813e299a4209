/** HTTP handlers and the exception mapper. Not API. */
package dev.vigil.server.internal;
