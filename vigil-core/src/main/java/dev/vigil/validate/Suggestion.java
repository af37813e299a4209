package dev.vigil.validate;

/**
 * A proposed check with the evidence for it.
 *
 * @param check the check proposed
 * @param evidence what in the profile supports it, e.g. {@code "0 of 10000 values missing"}
 */
public record Suggestion(Check check, String evidence) {}
