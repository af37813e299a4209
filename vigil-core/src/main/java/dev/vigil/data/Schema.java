package dev.vigil.data;

import dev.vigil.InvalidArgumentException;
import dev.vigil.SchemaMismatchException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The ordered list of {@link Field}s of a table. Names are unique and case-sensitive. JSON form
 * (written by {@code dev.vigil.io.SchemaJson}):
 *
 * <pre>{"format_version":1,"fields":[{"name":"age","type":"double","nullable":true}, ...]}</pre>
 */
public final class Schema {
  private final List<Field> fields;
  private final Map<String, Integer> index;

  private Schema(List<Field> fields) {
    this.fields = List.copyOf(fields);
    Map<String, Integer> idx = new HashMap<>();
    for (int i = 0; i < this.fields.size(); i++) {
      Integer prev = idx.put(this.fields.get(i).name(), i);
      if (prev != null) {
        throw new InvalidArgumentException("duplicate column name \"" + this.fields.get(i).name()
            + "\" at positions " + (prev + 1) + " and " + (i + 1));
      }
    }
    this.index = Collections.unmodifiableMap(idx);
  }

  /** A schema of the given fields, in order. @throws InvalidArgumentException on a duplicate name */
  public static Schema of(List<Field> fields) {
    return new Schema(fields);
  }

  public static Schema of(Field... fields) {
    return new Schema(List.of(fields));
  }

  public List<Field> fields() {
    return fields;
  }

  public int size() {
    return fields.size();
  }

  public List<String> names() {
    List<String> n = new ArrayList<>(fields.size());
    for (Field f : fields) {
      n.add(f.name());
    }
    return n;
  }

  /** The field named {@code name}, if any. */
  public Optional<Field> find(String name) {
    Integer i = index.get(name);
    return i == null ? Optional.empty() : Optional.of(fields.get(i));
  }

  /** The field named {@code name}. @throws SchemaMismatchException naming the existing columns */
  public Field field(String name) {
    return fields.get(indexOf(name));
  }

  /** The 0-based position of {@code name}. @throws SchemaMismatchException naming the existing columns */
  public int indexOf(String name) {
    Integer i = index.get(name);
    if (i == null) {
      throw new SchemaMismatchException("unknown column \"" + name + "\": the columns are " + names());
    }
    return i;
  }

  public boolean contains(String name) {
    return index.containsKey(name);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Schema s && s.fields.equals(fields);
  }

  @Override
  public int hashCode() {
    return fields.hashCode();
  }

  @Override
  public String toString() {
    StringBuilder s = new StringBuilder("Schema[");
    for (int i = 0; i < fields.size(); i++) {
      Field f = fields.get(i);
      s.append(i == 0 ? "" : ", ").append(f.name()).append(':').append(f.type().jsonName())
          .append(f.nullable() ? "?" : "");
    }
    return s.append(']').toString();
  }
}
