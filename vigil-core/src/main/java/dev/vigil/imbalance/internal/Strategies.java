package dev.vigil.imbalance.internal;

import dev.vigil.InvalidArgumentException;
import dev.vigil.imbalance.SamplingKind;
import dev.vigil.imbalance.SamplingStrategy;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** imbalanced-learn 0.10's {@code check_sampling_strategy}, transcribed from its definition. */
public final class Strategies {
  private Strategies() {}

  public static Map<String, Integer> resolve(SamplingStrategy s, List<String> classes, long[] counts,
      SamplingKind kind) {
    InvalidArgumentException.check(classes.size() > 1,
        "the label needs more than 1 class to resample; got %d class%s %s", classes.size(),
        classes.size() == 1 ? "" : "es", classes);
    int maj = 0;
    int min = 0;
    for (int i = 1; i < counts.length; i++) {
      if (counts[i] > counts[maj]) {
        maj = i;
      }
      if (counts[i] < counts[min]) {
        min = i;
      }
    }
    long nMaj = counts[maj];
    long nMin = counts[min];
    Map<String, Integer> out = new LinkedHashMap<>();
    if (s instanceof SamplingStrategy.Keyword kw) {
      SamplingStrategy.Named n = kw.name();
      if (n == SamplingStrategy.Named.AUTO) {
        n = kind == SamplingKind.OVER ? SamplingStrategy.Named.NOT_MAJORITY : SamplingStrategy.Named.NOT_MINORITY;
      }
      if (n == SamplingStrategy.Named.MAJORITY && kind == SamplingKind.OVER) {
        throw new InvalidArgumentException("sampling strategy 'majority' cannot be used with an over-sampler");
      }
      if (n == SamplingStrategy.Named.MINORITY && kind != SamplingKind.OVER) {
        throw new InvalidArgumentException(
            "sampling strategy 'minority' cannot be used with an under-sampler or a cleaning method");
      }
      for (int c = 0; c < classes.size(); c++) {
        boolean take = switch (n) {
          case ALL -> true;
          case MAJORITY -> c == maj;
          case MINORITY -> c == min;
          case NOT_MAJORITY -> c != maj;
          case NOT_MINORITY -> c != min;
          case AUTO -> throw new AssertionError();
        };
        if (take) {
          out.put(classes.get(c), (int) (kind == SamplingKind.OVER ? nMaj - counts[c] : nMin));
        }
      }
      return out;
    }
    if (s instanceof SamplingStrategy.Ratio r) {
      InvalidArgumentException.check(classes.size() == 2,
          "a sampling ratio needs exactly two classes, found %d %s; give counts per class instead",
          classes.size(), classes);
      if (kind == SamplingKind.CLEAN) {
        throw new InvalidArgumentException("cleaning methods do not take a sampling ratio: " + r.ratio());
      }
      for (int c = 0; c < classes.size(); c++) {
        if (kind == SamplingKind.OVER && c != maj) {
          long v = (long) (nMaj * r.ratio() - counts[c]);
          InvalidArgumentException.check(v > 0,
              "sampling ratio %s would remove samples from class \"%s\" (%d samples, majority %d) "
                  + "while over-sampling; increase the ratio", r.ratio(), classes.get(c), counts[c], nMaj);
          out.put(classes.get(c), (int) v);
        } else if (kind == SamplingKind.UNDER && c != min) {
          long v = (long) (nMin / r.ratio());
          InvalidArgumentException.check(v <= counts[c],
              "sampling ratio %s would need %d samples of class \"%s\", which has %d, while "
                  + "under-sampling; increase the ratio", r.ratio(), v, classes.get(c), counts[c]);
          out.put(classes.get(c), (int) v);
        }
      }
      return out;
    }
    if (s instanceof SamplingStrategy.Counts cs) {
      if (kind == SamplingKind.CLEAN) {
        throw new InvalidArgumentException(
            "cleaning methods do not take counts per class; give the list of classes to clean");
      }
      for (Map.Entry<String, Integer> e : cs.counts().entrySet()) {
        checkKnown(e.getKey(), classes);
        InvalidArgumentException.check(e.getValue() >= 0,
            "sampling strategy: count of class \"%s\" must be >= 0: %d", e.getKey(), e.getValue());
      }
      for (int c = 0; c < classes.size(); c++) {
        Integer want = cs.counts().get(classes.get(c));
        if (want == null) {
          continue;
        }
        if (kind == SamplingKind.OVER) {
          InvalidArgumentException.check(want >= counts[c],
              "over-sampling cannot shrink class \"%s\": it has %d samples and %d are asked",
              classes.get(c), counts[c], want);
          out.put(classes.get(c), (int) (want - counts[c]));
        } else {
          InvalidArgumentException.check(want <= counts[c],
              "under-sampling cannot grow class \"%s\": it has %d samples and %d are asked",
              classes.get(c), counts[c], want);
          out.put(classes.get(c), want);
        }
      }
      return out;
    }
    SamplingStrategy.Classes cl = (SamplingStrategy.Classes) s;
    if (kind != SamplingKind.CLEAN) {
      throw new InvalidArgumentException("a list of classes (" + cl + ") is only for cleaning methods; "
          + "give label=count pairs or a keyword");
    }
    List<String> wanted = new ArrayList<>(cl.classes());
    for (String w : wanted) {
      checkKnown(w, classes);
    }
    for (String c : classes) {
      if (wanted.contains(c)) {
        out.put(c, (int) nMin);
      }
    }
    return out;
  }

  private static void checkKnown(String label, List<String> classes) {
    InvalidArgumentException.check(classes.contains(label),
        "sampling strategy names class \"%s\", which is not in the data; classes are %s", label, classes);
  }
}
