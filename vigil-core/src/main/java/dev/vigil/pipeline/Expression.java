package dev.vigil.pipeline;

import dev.vigil.InvalidArgumentException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * An arithmetic expression over numeric columns, for the {@code derive} step. Grammar: numbers,
 * column names (letters, digits, {@code _ .}; or any name in back-quotes), {@code + - * /}, unary
 * minus, parentheses and the functions {@code log log1p exp sqrt abs} (one argument) and
 * {@code min max} (two). Evaluation is per row in doubles; a missing input, a division by zero or a
 * result that is not finite gives a missing value.
 */
final class Expression {
  private interface Node {
    double eval(Map<String, double[]> cols, int row);
  }

  private final String text;
  private final Node root;
  private final Set<String> columns = new LinkedHashSet<>();
  private int pos;

  Expression(String text) {
    this.text = text;
    InvalidArgumentException.check(text != null && !text.isBlank(), "derive needs a non-empty expression");
    this.root = sum();
    skip();
    if (pos != text.length()) {
      throw error("unexpected '" + text.charAt(pos) + "'");
    }
  }

  /** Column names it reads, in order of first use. */
  List<String> columns() {
    return new ArrayList<>(columns);
  }

  double[] eval(Map<String, double[]> cols, int rows) {
    double[] out = new double[rows];
    for (int i = 0; i < rows; i++) {
      double v = root.eval(cols, i);
      out[i] = Double.isFinite(v) ? v : Double.NaN;
    }
    return out;
  }

  private InvalidArgumentException error(String what) {
    return new InvalidArgumentException("derive expression '" + text + "' at position " + (pos + 1) + ": " + what);
  }

  private void skip() {
    while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
      pos++;
    }
  }

  private boolean eat(char c) {
    skip();
    if (pos < text.length() && text.charAt(pos) == c) {
      pos++;
      return true;
    }
    return false;
  }

  private Node sum() {
    Node left = product();
    while (true) {
      if (eat('+')) {
        Node a = left;
        Node b = product();
        left = (c, r) -> a.eval(c, r) + b.eval(c, r);
      } else if (eat('-')) {
        Node a = left;
        Node b = product();
        left = (c, r) -> a.eval(c, r) - b.eval(c, r);
      } else {
        return left;
      }
    }
  }

  private Node product() {
    Node left = unary();
    while (true) {
      if (eat('*')) {
        Node a = left;
        Node b = unary();
        left = (c, r) -> a.eval(c, r) * b.eval(c, r);
      } else if (eat('/')) {
        Node a = left;
        Node b = unary();
        left = (c, r) -> {
          double d = b.eval(c, r);
          return d == 0 ? Double.NaN : a.eval(c, r) / d;
        };
      } else {
        return left;
      }
    }
  }

  private Node unary() {
    if (eat('-')) {
      Node a = unary();
      return (c, r) -> -a.eval(c, r);
    }
    return atom();
  }

  private Node atom() {
    skip();
    if (pos >= text.length()) {
      throw error("expected a number, column or function");
    }
    if (eat('(')) {
      Node n = sum();
      if (!eat(')')) {
        throw error("expected ')'");
      }
      return n;
    }
    char ch = text.charAt(pos);
    if (Character.isDigit(ch) || ch == '.') {
      int start = pos;
      while (pos < text.length() && (Character.isDigit(text.charAt(pos)) || text.charAt(pos) == '.'
          || text.charAt(pos) == 'e' || text.charAt(pos) == 'E'
          || ((text.charAt(pos) == '-' || text.charAt(pos) == '+') && pos > start
              && (text.charAt(pos - 1) == 'e' || text.charAt(pos - 1) == 'E')))) {
        pos++;
      }
      try {
        double v = Double.parseDouble(text.substring(start, pos));
        return (c, r) -> v;
      } catch (NumberFormatException e) {
        throw error("bad number '" + text.substring(start, pos) + "'");
      }
    }
    String name;
    if (ch == '`') {
      int end = text.indexOf('`', pos + 1);
      if (end < 0) {
        throw error("unclosed back-quote");
      }
      name = text.substring(pos + 1, end);
      pos = end + 1;
    } else if (Character.isLetter(ch) || ch == '_') {
      int start = pos;
      while (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '_' || text.charAt(pos) == '.')) {
        pos++;
      }
      name = text.substring(start, pos);
      if (eat('(')) {
        return function(name.toLowerCase(Locale.ROOT));
      }
    } else {
      throw error("unexpected '" + ch + "'");
    }
    columns.add(name);
    String col = name;
    return (c, r) -> c.get(col)[r];
  }

  private Node function(String f) {
    Node a = sum();
    Node b = null;
    if (eat(',')) {
      b = sum();
    }
    if (!eat(')')) {
      throw error("expected ')' after the arguments of " + f);
    }
    boolean two = f.equals("min") || f.equals("max");
    if (two != (b != null)) {
      throw error(f + " takes " + (two ? "two arguments" : "one argument"));
    }
    Node y = b;
    return switch (f) {
      case "log" -> (c, r) -> Math.log(a.eval(c, r));
      case "log1p" -> (c, r) -> Math.log1p(a.eval(c, r));
      case "exp" -> (c, r) -> Math.exp(a.eval(c, r));
      case "sqrt" -> (c, r) -> Math.sqrt(a.eval(c, r));
      case "abs" -> (c, r) -> Math.abs(a.eval(c, r));
      case "min" -> (c, r) -> Math.min(a.eval(c, r), y.eval(c, r));
      case "max" -> (c, r) -> Math.max(a.eval(c, r), y.eval(c, r));
      default -> throw error("unknown function " + f + " (log, log1p, exp, sqrt, abs, min, max)");
    };
  }
}
