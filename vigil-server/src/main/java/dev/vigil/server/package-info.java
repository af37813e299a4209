/**
 * The Vigil HTTP server (Javalin), assembled from route modules. {@link dev.vigil.server.RegistryModule}
 * serves Vigil's own registry and tracking API under {@code /api/v1}
 * (described by {@code GET /api/v1/openapi.json}) and MLflow's REST API 2.0 under
 * {@code /api/2.0/mlflow} for experiments, runs, metrics, parameters, tags, registered models, model
 * versions and aliases, so that MLflow clients log to and read from Vigil, plus MLflow's artifact proxy
 * ({@code /api/2.0/mlflow-artifacts/artifacts/PATH}, {@code /api/2.0/mlflow/artifacts/list},
 * {@code /get-artifact}; runs' {@code artifact_uri} is {@code mlflow-artifacts:/EXPERIMENT/RUN/artifacts})
 * over the store's content-addressed artifacts. Run searches page with opaque keyset tokens
 * ({@code page_token} / {@code next_page_token}).
 *
 * <p>Security: every mutating call (POST, PUT, PATCH, DELETE) under those prefixes needs {@code Authorization: Bearer
 * <token>} when a token is configured; {@code vigil server} refuses to listen on a non-loopback
 * address without one.
 *
 * <p>Errors are JSON. Under {@code /api/v1}: the server's problem shape {@code {"status", "title", "detail", "errors"}}.
 * Under MLflow's paths: {@code {"error_code", "message"}} with MLflow's codes. Unknown things give 404
 * ({@code RESOURCE_DOES_NOT_EXIST}), bad values 400 ({@code INVALID_PARAMETER_VALUE}), taken names 400
 * ({@code RESOURCE_ALREADY_EXISTS}), a refused alias move 409 with the gate results in {@code errors}, a missing token
 * 401; only a fault in Vigil itself gives 500.
 *
 * <p>MLflow model version sources: {@code model-versions/create} takes {@code source} as a local file
 * path or {@code file:} URI of a model file that exists and loads in the flavour named by the version
 * tag {@code vigil.flavour} (default {@code tribuo}); the file is copied into the content-addressed
 * artifact store. It may also be {@code mlflow-artifacts:/PATH} or {@code runs:/RUN_ID/PATH} naming one
 * model file uploaded through the artifact proxy; a folder (such as an MLflow model directory) is
 * refused with 400 naming it, as are other URI schemes.
 */
package dev.vigil.server;
