package dev.vigil.data;

import dev.vigil.InvalidArgumentException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A dictionary-encoded column of category labels: {@code int} codes into an immutable dictionary of
 * distinct strings, in order of first appearance. A slice shares the dictionary, so some dictionary
 * entries may not occur in it; {@link #counts()} tells which do.
 */
public final class CategoricalColumn extends Column {
  private final int[] codes;
  private final String[] dictionary;

  CategoricalColumn(String name, int[] codes, String[] dictionary, int offset, int size, long[] missing) {
    super(name, offset, size, missing);
    this.codes = codes;
    this.dictionary = dictionary;
  }

  /** A column of {@code values}; null entries are missing. */
  public static CategoricalColumn of(String name, String... values) {
    Builder b = builder(name);
    for (String v : values) {
      b.add(v);
    }
    return b.build();
  }

  /**
   * A column from codes into {@code dictionary}; a negative code is missing.
   *
   * @throws InvalidArgumentException when a code is past the dictionary or the dictionary repeats a label
   */
  public static CategoricalColumn ofCodes(String name, int[] codes, List<String> dictionary) {
    String[] dict = dictionary.toArray(new String[0]);
    InvalidArgumentException.check(new java.util.HashSet<>(dictionary).size() == dict.length,
        "dictionary of column \"%s\" repeats a label", name);
    boolean[] m = new boolean[codes.length];
    int[] c = codes.clone();
    for (int i = 0; i < c.length; i++) {
      InvalidArgumentException.check(c[i] < dict.length, "code %d at row %d of column \"%s\" is past the dictionary of %d labels",
          c[i], i, name, dict.length);
      if (c[i] < 0) {
        m[i] = true;
        c[i] = -1;
      }
    }
    return new CategoricalColumn(name, c, dict, 0, c.length, DoubleColumn.maskOf(c.length, m));
  }

  @Override
  public ColumnType type() {
    return ColumnType.CATEGORICAL;
  }

  /** The code at {@code i} (an index into {@link #dictionary()}), or -1 when missing. */
  public int code(int i) {
    return isMissing(i) ? -1 : codes[offset + i];
  }

  /** The label at {@code i}, or null when missing. */
  public String get(int i) {
    int c = code(i);
    return c < 0 ? null : dictionary[c];
  }

  /** The dictionary (immutable view), indexed by code. */
  public List<String> dictionary() {
    return List.of(dictionary);
  }

  /** Number of labels in the dictionary. */
  public int dictionarySize() {
    return dictionary.length;
  }

  /** The label of {@code code}. */
  public String label(int code) {
    return dictionary[Objects.checkIndex(code, dictionary.length)];
  }

  /** Occurrences of each code in this column (missing values not counted), indexed by code. */
  public long[] counts() {
    long[] c = new long[dictionary.length];
    for (int i = 0; i < size; i++) {
      if (!isMissing(i)) {
        c[codes[offset + i]]++;
      }
    }
    return c;
  }

  /** A copy of the codes; missing positions hold -1. */
  public int[] codesArray() {
    int[] out = new int[size];
    for (int i = 0; i < size; i++) {
      out[i] = code(i);
    }
    return out;
  }

  @Override
  public Object getObject(int i) {
    return get(i);
  }

  @Override
  public CategoricalColumn slice(int from, int to) {
    checkRange(from, to);
    return new CategoricalColumn(name, codes, dictionary, offset + from, to - from, missing);
  }

  @Override
  public CategoricalColumn select(int[] rows) {
    int[] out = new int[rows.length];
    for (int i = 0; i < rows.length; i++) {
      out[i] = codes[offset + Objects.checkIndex(rows[i], size)];
    }
    return new CategoricalColumn(name, out, dictionary, 0, rows.length, selectMissing(rows));
  }

  @Override
  public CategoricalColumn rename(String newName) {
    return new CategoricalColumn(newName, codes, dictionary, offset, size, missing);
  }

  String[] rawDictionary() {
    return dictionary;
  }

  @Override
  void appendValueTo(int i, ColumnBuilder b) {
    ((Builder) b).add(dictionary[codes[offset + i]]);
  }

  public static Builder builder(String name) {
    return new Builder(name);
  }

  /** Appends labels, assigning codes in order of first appearance; a null label is missing. */
  public static final class Builder extends ColumnBuilder {
    private int[] codes = new int[16];
    private final Map<String, Integer> lookup = new HashMap<>();
    private String[] dict = new String[8];

    Builder(String name) {
      super(name);
    }

    public Builder add(String label) {
      if (label == null) {
        addMissing();
        return this;
      }
      Integer code = lookup.get(label);
      if (code == null) {
        code = lookup.size();
        if (code == dict.length) {
          dict = Arrays.copyOf(dict, dict.length * 2);
        }
        dict[code] = label;
        lookup.put(label, code);
      }
      return addCode(code);
    }

    private Builder addCode(int code) {
      if (size == codes.length) {
        ensure(size + 1);
      }
      codes[size++] = code;
      return this;
    }

    /**
     * Registers {@code labels} (in order) before any value, so that the built dictionary starts with
     * them and their codes match an earlier chunk's. Labels already known are ignored.
     */
    public Builder seed(List<String> labels) {
      for (String label : labels) {
        if (!lookup.containsKey(label)) {
          int code = lookup.size();
          if (code == dict.length) {
            dict = Arrays.copyOf(dict, dict.length * 2);
          }
          dict[code] = label;
          lookup.put(label, code);
        }
      }
      return this;
    }

    /** Number of distinct labels seen so far. */
    public int distinct() {
      return lookup.size();
    }

    @Override
    public Builder addObject(Object v) {
      return add(v == null ? null : v.toString());
    }

    @Override
    void ensure(int capacity) {
      if (capacity > codes.length) {
        codes = Arrays.copyOf(codes, grownCapacity(codes.length, capacity));
      }
    }

    @Override
    public ColumnType type() {
      return ColumnType.CATEGORICAL;
    }

    @Override
    public CategoricalColumn build() {
      int[] c = codes.length == size ? codes : Arrays.copyOf(codes, size);
      long[] m = finishMask();
      if (m != null) {
        for (int i = 0; i < size; i++) {
          if (Bits.get(m, i)) {
            c[i] = -1;
          }
        }
      }
      codes = null;
      return new CategoricalColumn(name, c, Arrays.copyOf(dict, lookup.size()), 0, size, m);
    }
  }
}
