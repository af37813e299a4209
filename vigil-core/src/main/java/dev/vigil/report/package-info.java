/**
 * The report model shared by every capability: a machine face ({@code data}, rendered as JSON with
 * stable snake_case field names) and a human face (blocks rendered as text or self-contained HTML).
 * Renderers live in vigil-io ({@code dev.vigil.report.render}).
 */
package dev.vigil.report;
