package dev.vigil.validate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.data.CategoricalColumn;
import dev.vigil.data.ColumnType;
import dev.vigil.data.DoubleColumn;
import dev.vigil.data.LongColumn;
import dev.vigil.data.StringColumn;
import dev.vigil.data.Table;
import dev.vigil.report.Report;
import dev.vigil.validate.CheckResult.Outcome;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CheckTest {
  static Table good() {
    return Table.of(
        LongColumn.of("id", 1, 2, 3, 4, 5, 6),
        DoubleColumn.of("age", 20, 35, 41, 50, 63, 70),
        CategoricalColumn.of("colour", "red", "blue", "red", "green", "blue", "red"),
        StringColumn.of("email", "a@x.org", "b@x.org", "c@y.com", "d@y.com", "e@z.net", "f@z.net"),
        StringColumn.of("zip", "1000", "2000", "3000", "4000", "5000", "6000"),
        LongColumn.of("start", 1, 2, 3, 4, 5, 6),
        LongColumn.of("end", 2, 3, 4, 5, 6, 7),
        LongColumn.of("customer", 10, 11, 10, 12, 11, 10));
  }

  static Table bad() {
    DoubleColumn.Builder age = DoubleColumn.builder("age");
    for (double a : new double[] {20, -3, 41, 150, 63}) {
      age.add(a);
    }
    age.addMissing();
    return Table.of(
        LongColumn.of("id", 1, 2, 2, 4, 5, 3),
        age.build(),
        CategoricalColumn.of("colour", "red", "purple", "red", "green", "blue", "red"),
        StringColumn.of("email", "a@x.org", "nope", "c@y.com", "d@y.com", "e@z.net", "f@z.net"),
        StringColumn.of("zip", "1000", "2000", "30A0", "4000", "5000", "6000"),
        LongColumn.of("start", 1, 2, 9, 4, 5, 6),
        LongColumn.of("end", 2, 3, 4, 5, 6, 7),
        LongColumn.of("customer", 10, 11, 10, 99, 11, 10));
  }

  static final Table CUSTOMERS = Table.of(LongColumn.of("id", 10, 11, 12));

  /** Each check with the rows that break it in {@link #bad()}. */
  static final Map<Check, List<Integer>> CASES = Map.ofEntries(
      Map.entry(Check.isComplete("age"), List.of(5)),
      Map.entry(Check.isUnique("id"), List.of(1, 2)),
      Map.entry(Check.isPrimaryKey("id"), List.of(1, 2)),
      Map.entry(Check.isContainedIn("colour", List.of("red", "green", "blue")), List.of(1)),
      Map.entry(Check.isInRange("age", 0.0, 120.0), List.of(1, 3)),
      Map.entry(Check.matches("email", "[^@ ]+@[^@ ]+\\.[a-z]+"), List.of(1)),
      Map.entry(Check.hasType("zip", ColumnType.LONG), List.of(2)),
      Map.entry(Check.isNonNegative("age"), List.of(1)),
      Map.entry(Check.isMonotonic("id", true, false), List.of(5)),
      Map.entry(Check.isLessThan("start", "end"), List.of(2)),
      Map.entry(Check.isForeignKey("customer", "customers", "id"), List.of(3)));

  @Test
  void everyRowCheckPassesOnGoodDataAndNamesTheFailingRowsOnBadData() {
    Validator v = Validator.of(List.copyOf(CASES.keySet())).withReference("customers", CUSTOMERS);
    ValidationResult ok = v.validate(good());
    assertThat(ok.results()).allSatisfy(r -> assertThat(r.outcome()).as(r.check().name() + ": " + r.message()).isEqualTo(Outcome.PASSED));
    assertThat(ok.status()).isEqualTo(Report.Status.OK);
    ValidationResult ko = v.validate(bad());
    for (CheckResult r : ko.results()) {
      List<Integer> expected = CASES.get(r.check());
      assertThat(r.outcome()).as(r.check().name() + ": " + r.message()).isEqualTo(Outcome.FAILED);
      assertThat(r.failingRows()).as(r.check().name()).isEqualTo(expected.size());
      assertThat(r.examples()).extracting(e -> e.get("row")).as(r.check().name()).containsExactlyElementsOf(expected);
    }
    assertThat(ko.status()).isEqualTo(Report.Status.ERROR);
    assertThat(ko.errorRows().stream().boxed().toList()).containsExactly(1, 2, 3, 5);
  }

  @Test
  void aggregateChecksPassAndFailOnTheirMetric() {
    List<Check> checks = List.of(Check.hasRowCount(5L, 10L), Check.hasMean("age", 30.0, 60.0),
        Check.hasQuantile("age", 0.5, 40.0, 50.0), Check.hasCompleteness("age", 0.8), Check.hasUniqueness(0.6, "id"));
    assertThat(Validator.of(checks).validate(good()).results()).allSatisfy(r -> assertThat(r.outcome()).as(r.message()).isEqualTo(Outcome.PASSED));
    Table small = good().slice(0, 2);
    List<CheckResult> rs = Validator.of(checks).validate(small).results();
    assertThat(rs.get(0).outcome()).isEqualTo(Outcome.FAILED);
    assertThat(rs.get(0).observed()).isEqualTo(2);
    assertThat(rs.get(1).outcome()).isEqualTo(Outcome.FAILED);
    assertThat(rs.get(1).observed()).isEqualTo(27.5);
    assertThat(rs.get(2).outcome()).isEqualTo(Outcome.FAILED);
    assertThat(Validator.of(Check.hasCompleteness("age", 0.9)).validate(bad()).results().get(0).outcome()).isEqualTo(Outcome.FAILED);
    assertThat(Validator.of(Check.hasUniqueness(0.9, "id")).validate(bad()).results().get(0).observed()).isCloseTo(4.0 / 6, org.assertj.core.data.Offset.offset(1e-12));
  }

  @Test
  void badChecksBecomeErrorResultsNamingTheCheckAndColumnWhileTheOthersRun() {
    List<Check> checks = List.of(
        Check.isComplete("agee"),
        Check.isInRange("colour", 0.0, 1.0),
        Check.matches("email", "([a-z"),
        Check.isForeignKey("customer", "nowhere", "id"),
        Check.satisfies("age > 0"),
        Check.isComplete("id"));
    ValidationResult r = Validator.of(checks).validate(good());
    assertThat(r.results()).hasSize(6);
    assertThat(r.results().get(0).outcome()).isEqualTo(Outcome.ERROR);
    assertThat(r.results().get(0).message()).contains("\"agee\"").contains("not found").contains("[id, age");
    assertThat(r.results().get(1).message()).contains("\"colour\"").contains("categorical").contains("numeric");
    assertThat(r.results().get(2).message()).contains("email").contains("invalid regular expression").contains("([a-z");
    assertThat(r.results().get(3).message()).contains("nowhere");
    assertThat(r.results().get(4).message()).contains("no SQL engine");
    assertThat(r.results().get(5).outcome()).isEqualTo(Outcome.PASSED);
    assertThat(r.status()).isEqualTo(Report.Status.ERROR);
  }

  @Test
  void parallelValidationGivesTheSameResultsInCheckOrder() {
    Validator v = Validator.of(List.copyOf(CASES.keySet())).withReference("customers", CUSTOMERS);
    ValidationResult one = v.validate(bad());
    ValidationResult two = v.withThreads(2).validate(bad());
    assertThat(two.results()).isEqualTo(one.results());
    assertThat(two.errorRows()).isEqualTo(one.errorRows());
  }

  @Test
  void warningsDoNotFailTheRun() {
    ValidationResult r = Validator.of(Check.isInRange("age", 0.0, 100.0).asWarning()).validate(bad());
    assertThat(r.status()).isEqualTo(Report.Status.WARNING);
    assertThat(r.errorRows().isEmpty()).isTrue();
  }

  @Test
  void checksRoundTripThroughTheirFileForm() {
    for (Check c : CASES.keySet()) {
      assertThat(Check.fromMap(c.toMap(), "mem")).isEqualTo(c);
    }
    Check named = Check.isInRange("age", 0.0, null).asWarning().named("adults");
    assertThat(Check.fromMap(named.toMap(), "mem")).isEqualTo(named);
  }

  @Test
  void rejectsACheckFileEntryWithoutItsParameters() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> Check.fromMap(Map.of("kind", "range", "column", "age"), "checks.yaml: checks[2]"))
        .hasMessageContaining("checks.yaml: checks[2]").hasMessageContaining("min or max");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> Check.fromMap(Map.of("kind", "shape"), "checks.yaml: checks[0]"))
        .hasMessageContaining("unknown check kind \"shape\"");
  }

  @Test
  void monotonicDecreasingAndStrict() {
    Table t = Table.of(LongColumn.of("x", 5, 4, 4, 1));
    assertThat(Validator.of(Check.isMonotonic("x", false, false)).validate(t).status()).isEqualTo(Report.Status.OK);
    CheckResult r = Validator.of(Check.isMonotonic("x", false, true)).validate(t).results().get(0);
    assertThat(r.examples()).extracting(e -> e.get("row")).containsExactly(2);
    assertThat(Arrays.asList(1, 2)).hasSize(2);
  }
}
