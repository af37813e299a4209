/** Runtime adapters behind {@link dev.vigil.serving.Predictor}: Tribuo, ONNX Runtime, XGBoost. Not API. */
package dev.vigil.models.internal;
