package dev.vigil.models;

import dev.vigil.serving.Predictor;
import java.util.Map;

/**
 * A freshly trained model.
 *
 * @param predictor the model, ready to score (the caller closes it)
 * @param artifact its serialised bytes (the file to register)
 * @param flavour the runtime that loads {@code artifact}
 * @param params the trainer's hyper-parameters, as text
 */
public record TrainedModel(Predictor predictor, byte[] artifact, String flavour, Map<String, String> params) {}
