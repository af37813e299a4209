/** Runtime adapters behind {@link dev.vigil.models.Predictor}. Not API. */
package dev.vigil.models.internal;
