package dev.vigil.io;

import dev.vigil.data.Schema;
import dev.vigil.data.Table;
import java.util.Iterator;

/**
 * Reads a source as a stream of {@link Table} chunks of at most {@link ReadOptions#chunkRows()} rows,
 * all with the same column names and types. Memory is bounded by one chunk of the kept columns.
 * Bad rows are handled per the {@link BadRowPolicy}; under {@code FAIL} a bad row raises a
 * {@link dev.vigil.DataFormatException} from {@link #next()} or {@link #readAll()}, at the latest
 * when the end of the source is reached. Close it to release the connection.
 */
public interface TableReader extends Iterator<Table>, AutoCloseable {
  /** Column names and types (nullability as declared by the source or true). */
  Schema schema();

  /** Reads every remaining row into one table (columns sized exactly). */
  Table readAll();

  /** Counts so far; final once {@link #hasNext()} returned false. */
  ReadSummary summary();

  @Override
  void close();
}
