package dev.vigil.validate;

import dev.vigil.data.ColumnType;
import dev.vigil.profile.ColumnProfile;
import dev.vigil.profile.FrequentItem;
import dev.vigil.profile.PatternClass;
import dev.vigil.profile.TableProfile;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Proposes checks from a profile, as Deequ's constraint suggestion does. Rules, per column:
 *
 * <ul>
 *   <li>no missing value: {@code completeness >= 1}; otherwise {@code completeness >=} the observed
 *       share minus 3 binomial standard errors, rounded down to 2 decimals (a warning);
 *   <li>every present value distinct (exact count, or an estimate consistent with it; at least 2
 *       values; not {@code double}): unique;
 *   <li>text or boolean with at most 20 distinct values (exact counts) and repeats: value in set;
 *   <li>numeric with no negative value: non-negative;
 *   <li>numeric: range [min, max] as a warning (new data may legitimately widen it);
 *   <li>text whose every value is an integer, a decimal, a date or a UUID: type or pattern check.
 * </ul>
 * And for the table: {@code row_count >= 1}.
 */
public final class Suggestions {
  private Suggestions() {}

  /** The checks {@code profile} supports, each with its evidence, columns in profile order. */
  public static List<Suggestion> suggest(TableProfile profile) {
    List<Suggestion> out = new ArrayList<>();
    out.add(new Suggestion(Check.hasRowCount(1L, null), profile.rows() + " rows"));
    for (ColumnProfile c : profile.columns()) {
      String n = c.name();
      if (c.missing() == 0) {
        out.add(new Suggestion(Check.isComplete(n), "0 of " + c.count() + " values missing"));
      } else if (c.present() > 0) {
        double share = c.completeness();
        // a 3-sigma binomial lower bound, so that a new sample of the same source passes
        double floor = Math.max(0, Math.floor((share - 3 * Math.sqrt(share * (1 - share) / c.count())) * 100) / 100);
        out.add(new Suggestion(Check.hasCompleteness(n, floor).asWarning(),
            String.format(Locale.ROOT, "%d of %d values missing (completeness %.4f)", c.missing(), c.count(), c.completeness())));
      }
      if (c.looksUnique() && c.type() != ColumnType.DOUBLE && c.type() != ColumnType.BOOLEAN) {
        out.add(new Suggestion(Check.isUnique(n), (c.distinctIsExact() ? "" : "about ") + c.distinct() + " distinct values in "
            + c.present() + " present rows" + (c.distinctIsExact() ? "" : " (HyperLogLog estimate, consistent with all distinct)")));
      }
      boolean textual = c.type() == ColumnType.CATEGORICAL || c.type() == ColumnType.STRING || c.type() == ColumnType.BOOLEAN;
      if (textual && c.present() > 0 && c.topIsExact() && c.distinct() <= 20 && c.distinct() < c.present()) {
        List<String> values = c.top(20).stream().map(FrequentItem::value).sorted().toList();
        out.add(new Suggestion(Check.isContainedIn(n, values), c.distinct() + " distinct values in " + c.present()
            + " present rows: " + c.top(5).stream().map(f -> f.value() + " (" + f.count() + ")").toList()));
      }
      if (c.type().isNumeric() && c.moments().count() > 0) {
        if (c.negativeCount() == 0) {
          out.add(new Suggestion(Check.isNonNegative(n), "no negative value; min " + fmt(c.min())));
        }
        out.add(new Suggestion(Check.isInRange(n, c.min(), c.max()).asWarning(),
            "observed range [" + fmt(c.min()) + ", " + fmt(c.max()) + "] over " + c.moments().count() + " values"));
      }
      if ((c.type() == ColumnType.STRING || c.type() == ColumnType.CATEGORICAL) && c.present() > 0) {
        long[] p = c.patternCounts();
        long present = c.present();
        if (p[PatternClass.INTEGER.ordinal()] == present) {
          out.add(new Suggestion(Check.hasType(n, ColumnType.LONG), "all " + present + " values are integers"));
        } else if (p[PatternClass.INTEGER.ordinal()] + p[PatternClass.DECIMAL.ordinal()] == present) {
          out.add(new Suggestion(Check.hasType(n, ColumnType.DOUBLE), "all " + present + " values are numbers"));
        } else if (p[PatternClass.DATE.ordinal()] == present) {
          out.add(new Suggestion(Check.hasType(n, ColumnType.TIMESTAMP), "all " + present + " values are ISO dates"));
        } else if (p[PatternClass.UUID.ordinal()] == present) {
          out.add(new Suggestion(Check.matches(n, "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}"),
              "all " + present + " values are UUIDs"));
        } else if (p[PatternClass.EMAIL.ordinal()] == present) {
          out.add(new Suggestion(Check.matches(n, "[^@\\s]+@[^@\\s]+\\.[^@\\s]+"), "all " + present + " values look like e-mail addresses"));
        }
      }
    }
    return out;
  }

  private static String fmt(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : String.format(Locale.ROOT, "%.6g", v);
  }
}
