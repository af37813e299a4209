package dev.vigil.profile;

/**
 * The shape of a text value, as counted in a string profile. Each non-missing value falls in exactly
 * one class, tested in declaration order: the first that matches wins.
 */
public enum PatternClass {
  /** The empty string. */
  EMPTY,
  /** Only whitespace. */
  BLANK,
  /** {@code true}/{@code false}/{@code yes}/{@code no} in any case. */
  BOOLEAN,
  /** Optional sign then ASCII digits only, e.g. {@code -42}. */
  INTEGER,
  /** A decimal or scientific number, e.g. {@code 3.14}, {@code -1e-3}. */
  DECIMAL,
  /** An ISO-8601 date or date-time, e.g. {@code 2024-01-31} or {@code 2024-01-31T10:00:00Z}. */
  DATE,
  /** A UUID in 8-4-4-4-12 hexadecimal form. */
  UUID,
  /** Something {@code @} something {@code .} something, without spaces. */
  EMAIL,
  /** Starts with {@code http://} or {@code https://}. */
  URL,
  /** Letters only. */
  ALPHA,
  /** Letters and digits only (at least one of each). */
  ALPHANUMERIC,
  /** Anything else (punctuation, spaces inside, mixed text). */
  OTHER;

  /** The snake_case name used in JSON. */
  public String jsonName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  /** The class of {@code s} (non-null). */
  public static PatternClass of(String s) {
    int n = s.length();
    if (n == 0) {
      return EMPTY;
    }
    boolean blank = true;
    boolean letters = true;
    boolean alnum = true;
    boolean anyDigit = false;
    boolean anyLetter = false;
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (!Character.isWhitespace(c)) {
        blank = false;
      }
      boolean letter = Character.isLetter(c);
      boolean digit = c >= '0' && c <= '9';
      anyDigit |= digit;
      anyLetter |= letter;
      if (!letter) {
        letters = false;
      }
      if (!letter && !digit) {
        alnum = false;
      }
    }
    if (blank) {
      return BLANK;
    }
    if (n <= 5 && isBoolean(s)) {
      return BOOLEAN;
    }
    if (isInteger(s)) {
      return INTEGER;
    }
    if (anyDigit && isDecimal(s)) {
      return DECIMAL;
    }
    if (anyDigit && n >= 10 && s.charAt(4) == '-' && s.charAt(7) == '-' && isDate(s)) {
      return DATE;
    }
    if (n == 36 && s.charAt(8) == '-' && s.charAt(13) == '-' && isUuid(s)) {
      return UUID;
    }
    int at = s.indexOf('@');
    if (at > 0 && s.indexOf(' ') < 0 && s.indexOf('.', at) > at + 1 && !s.endsWith(".") && s.indexOf('@', at + 1) < 0) {
      return EMAIL;
    }
    if (s.startsWith("http://") || s.startsWith("https://")) {
      return URL;
    }
    if (letters) {
      return ALPHA;
    }
    if (alnum && anyDigit && anyLetter) {
      return ALPHANUMERIC;
    }
    return OTHER;
  }

  private static boolean isBoolean(String s) {
    return s.equalsIgnoreCase("true") || s.equalsIgnoreCase("false") || s.equalsIgnoreCase("yes") || s.equalsIgnoreCase("no");
  }

  static boolean isInteger(String s) {
    int i = s.charAt(0) == '-' || s.charAt(0) == '+' ? 1 : 0;
    if (i == s.length()) {
      return false;
    }
    for (; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }

  static boolean isDecimal(String s) {
    int i = 0;
    int n = s.length();
    if (s.charAt(0) == '-' || s.charAt(0) == '+') {
      i++;
    }
    int digits = 0;
    while (i < n && Character.isDigit(s.charAt(i)) && s.charAt(i) < 128) {
      i++;
      digits++;
    }
    if (i < n && s.charAt(i) == '.') {
      i++;
      while (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
        i++;
        digits++;
      }
    }
    if (digits == 0) {
      return false;
    }
    if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
      i++;
      if (i < n && (s.charAt(i) == '-' || s.charAt(i) == '+')) {
        i++;
      }
      int exp = 0;
      while (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
        i++;
        exp++;
      }
      if (exp == 0) {
        return false;
      }
    }
    return i == n;
  }

  private static boolean isDate(String s) {
    for (int i : new int[] {0, 1, 2, 3, 5, 6, 8, 9}) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    if (s.length() == 10) {
      return true;
    }
    char t = s.charAt(10);
    return (t == 'T' || t == ' ') && s.length() >= 16 && s.charAt(13) == ':';
  }

  private static boolean isUuid(String s) {
    for (int i = 0; i < 36; i++) {
      char c = s.charAt(i);
      if (i == 8 || i == 13 || i == 18 || i == 23) {
        if (c != '-') {
          return false;
        }
      } else if (Character.digit(c, 16) < 0) {
        return false;
      }
    }
    return true;
  }
}
