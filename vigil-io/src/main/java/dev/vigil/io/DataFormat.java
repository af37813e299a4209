package dev.vigil.io;

import dev.vigil.InvalidArgumentException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * File formats Vigil reads and writes. {@link #of(Path)} guesses from the file name: {@code .csv},
 * {@code .tsv}/{@code .tab}, {@code .parquet}/{@code .pq}, {@code .jsonl}/{@code .ndjson}/{@code .json}
 * (JSON Lines: one object per line), each optionally followed by {@code .gz} or {@code .zst}.
 */
public enum DataFormat {
  CSV, TSV, PARQUET, JSONL;

  public String jsonName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * The format of {@code path} from its extension.
   *
   * @throws InvalidArgumentException naming the file and the known extensions
   */
  public static DataFormat of(Path path) {
    String n = path.getFileName() == null ? "" : path.getFileName().toString().toLowerCase(Locale.ROOT);
    n = n.replaceFirst("\\.(gz|zst)$", "");
    if (n.endsWith(".csv") || n.endsWith(".txt")) {
      return CSV;
    }
    if (n.endsWith(".tsv") || n.endsWith(".tab")) {
      return TSV;
    }
    if (n.endsWith(".parquet") || n.endsWith(".pq")) {
      return PARQUET;
    }
    if (n.endsWith(".jsonl") || n.endsWith(".ndjson") || n.endsWith(".json")) {
      return JSONL;
    }
    throw new InvalidArgumentException("cannot tell the format of " + path
        + ": expected an extension .csv, .tsv, .parquet or .jsonl (optionally .gz), or give --input-format");
  }

  /** Parses {@code csv}, {@code tsv}, {@code parquet}, {@code jsonl} (also {@code json}, {@code ndjson}). */
  public static DataFormat parse(String s) {
    return switch (s.trim().toLowerCase(Locale.ROOT)) {
      case "csv" -> CSV;
      case "tsv" -> TSV;
      case "parquet", "pq" -> PARQUET;
      case "jsonl", "json", "ndjson" -> JSONL;
      default -> throw new InvalidArgumentException("unknown data format \"" + s + "\": expected csv, tsv, parquet or jsonl");
    };
  }
}
