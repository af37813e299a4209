/**
 * Vigil's root package: the exception hierarchy shared by every module.
 *
 * <p>Every deliberate error is a {@link dev.vigil.VigilException}; the CLI maps
 * {@link dev.vigil.InvalidArgumentException} to exit code 2, {@link dev.vigil.DataFormatException},
 * {@link dev.vigil.SchemaMismatchException} and {@link dev.vigil.StoreException} to 3, and anything
 * else to 4.
 */
package dev.vigil;
