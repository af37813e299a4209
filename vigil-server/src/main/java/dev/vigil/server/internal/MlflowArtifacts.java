package dev.vigil.server.internal;

import dev.vigil.InvalidArgumentException;
import dev.vigil.NotFoundException;
import dev.vigil.store.ArtifactFiles;
import dev.vigil.store.ArtifactRef;
import dev.vigil.store.Store;
import dev.vigil.tracking.Run;
import dev.vigil.tracking.RunDetails;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * MLflow's artifact proxy, as {@code mlflow server --serve-artifacts} serves it, over the store's
 * {@link ArtifactFiles}: {@code PUT|GET|DELETE /api/2.0/mlflow-artifacts/artifacts/PATH} (upload,
 * download, delete a file or folder), {@code GET /api/2.0/mlflow-artifacts/artifacts?path=FOLDER}
 * (list, names relative to the folder), and the run-scoped {@code GET /api/2.0/mlflow/artifacts/list?run_id=&path=}
 * (paths relative to the run's artifact root) and {@code GET /get-artifact?run_id=&path=} (download).
 * Runs' {@code artifact_uri} is {@code mlflow-artifacts:/EXPERIMENT/RUN/artifacts}, so MLflow
 * clients upload through these routes. Paths with {@code ..}, absolute paths and other malformed
 * paths are refused with 400; uploads and deletes need the bearer token like every mutating call.
 */
final class MlflowArtifacts {
  static final String SCHEME = "mlflow-artifacts:/";
  private static final String PROXY = "/api/2.0/mlflow-artifacts/artifacts";

  private final Store store;

  MlflowArtifacts(Store store) {
    this.store = store;
  }

  static String runRootUri(Run r) {
    return SCHEME + ArtifactFiles.runFolder(r.experimentId(), r.runId());
  }

  void install(Javalin app) {
    ArtifactFiles files = store.files();
    app.put(PROXY + "/<path>", ctx -> {
      String path = path(ctx.pathParam("path"));
      try (InputStream in = ctx.bodyInputStream()) {
        files.put(path, in);
      }
      ctx.json(Map.of());
    });
    app.get(PROXY + "/<path>", ctx -> {
      String path = path(ctx.pathParam("path"));
      ArtifactRef ref = files.file(path).orElseThrow(() -> new NotFoundException("no artifact file '" + path + "'"));
      send(ctx, ref.digest(), path);
    });
    app.delete(PROXY + "/<path>", ctx -> {
      files.delete(path(ctx.pathParam("path")));
      ctx.json(Map.of());
    });
    app.get(PROXY, ctx -> {
      String folder = ctx.queryParam("path");
      List<Map<String, Object>> out = new ArrayList<>();
      for (ArtifactFiles.Entry e : files.list(folder == null || folder.isEmpty() ? "" : path(folder))) {
        out.add(fileInfo(e.name(), e.directory(), e.size()));
      }
      ctx.json(Map.of("files", out));
    });
    app.get("/api/2.0/mlflow/artifacts/list", ctx -> {
      RunDetails d = store.tracking().details(runId(ctx));
      String folder = ctx.queryParam("path");
      String prefix = folder == null || folder.isEmpty() ? "" : path(folder) + "/";
      TreeMap<String, Map<String, Object>> out = new TreeMap<>();
      d.artifacts().forEach((p, digest) -> {
        if (p.startsWith(prefix)) {
          String rest = p.substring(prefix.length());
          int slash = rest.indexOf('/');
          if (slash < 0) {
            out.put(p, fileInfo(p, false, size(digest)));
          } else {
            String dir = prefix + rest.substring(0, slash);
            out.putIfAbsent(dir, fileInfo(dir, true, 0));
          }
        }
      });
      Map<String, Object> res = new LinkedHashMap<>();
      res.put("root_uri", runRootUri(d.run()));
      res.put("files", new ArrayList<>(out.values()));
      ctx.json(res);
    });
    app.get("/get-artifact", ctx -> {
      RunDetails d = store.tracking().details(runId(ctx));
      String p = ctx.queryParam("path");
      if (p == null || p.isEmpty()) {
        throw new ErrorMapper.BadRequest("query parameter 'path' is required: the artifact's path relative to the run");
      }
      String path = path(p);
      String digest = d.artifacts().get(path);
      if (digest == null) {
        throw new NotFoundException("run " + d.run().runId() + " has no artifact file '" + path + "'");
      }
      send(ctx, digest, path);
    });
  }

  private static String runId(Context ctx) {
    String id = ctx.queryParam("run_id");
    if (id == null || id.isEmpty()) {
      id = ctx.queryParam("run_uuid");
    }
    if (id == null || id.isEmpty()) {
      throw new ErrorMapper.BadRequest("missing required query parameter 'run_id'");
    }
    return id;
  }

  private static String path(String p) {
    try {
      return ArtifactFiles.checkPath(p, "artifact path");
    } catch (InvalidArgumentException e) {
      throw new ErrorMapper.BadRequest(e.getMessage());
    }
  }

  private static Map<String, Object> fileInfo(String path, boolean dir, long size) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("path", path);
    m.put("is_dir", dir);
    if (!dir) {
      m.put("file_size", size);
    }
    return m;
  }

  private long size(String digest) {
    try {
      return Files.size(store.artifacts().path(digest));
    } catch (IOException e) {
      return 0; // a missing blob: the listing still names the file; vigil store fsck reports the blob missing
    }
  }

  private void send(Context ctx, String digest, String path) throws IOException {
    Path blob = store.artifacts().verifiedPath(digest);
    String name = path.substring(path.lastIndexOf('/') + 1).replace("\"", "");
    ctx.contentType("application/octet-stream");
    ctx.header("Content-Disposition", "attachment; filename=\"" + name + "\"");
    ctx.header("Content-Length", String.valueOf(Files.size(blob)));
    ctx.result(Files.newInputStream(blob));
  }
}
