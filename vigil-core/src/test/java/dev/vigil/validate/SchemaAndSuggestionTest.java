package dev.vigil.validate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.data.ColumnType;
import dev.vigil.data.DoubleColumn;
import dev.vigil.data.Table;
import dev.vigil.profile.Profiler;
import dev.vigil.report.Report;
import dev.vigil.validate.CheckResult.Outcome;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SchemaAndSuggestionTest {
  @Test
  void infersTypeNullabilityRangeDomainAndUniqueness() {
    DataSchema s = DataSchema.infer(Profiler.profileOf(CheckTest.good()));
    FeatureSpec id = s.feature("id").orElseThrow();
    assertThat(id.type()).isEqualTo(ColumnType.LONG);
    assertThat(id.unique()).isTrue();
    assertThat(id.nullable()).isFalse();
    assertThat(id.min()).isEqualTo(1.0);
    assertThat(id.max()).isEqualTo(6.0);
    assertThat(s.feature("colour").orElseThrow().domain()).containsExactly("blue", "green", "red");
    assertThat(s.feature("email").orElseThrow().domain()).isNull();
    assertThat(DataSchema.fromMap(s.toMap(), "mem")).isEqualTo(s);
  }

  @Test
  void schemaChecksPassOnTheirOwnDataAndFailOnViolations() {
    DataSchema s = DataSchema.infer(Profiler.profileOf(CheckTest.good()));
    assertThat(Validator.of(s.checks(null)).validate(CheckTest.good()).status()).isEqualTo(Report.Status.OK);
    ValidationResult r = Validator.of(s.checks(null)).validate(CheckTest.bad());
    assertThat(r.status()).isEqualTo(Report.Status.ERROR);
    assertThat(r.results().stream().filter(CheckResult::failed).map(x -> x.check().name()))
        .contains("schema: id is unique", "schema: colour in its domain", "schema: age is never missing");
  }

  @Test
  void aColumnTheDataLacksIsAFailedCheckNamingIt() {
    DataSchema s = DataSchema.infer(Profiler.profileOf(CheckTest.good()));
    ValidationResult r = Validator.of(s.checks(null)).validate(CheckTest.good().drop("zip"));
    assertThat(r.results()).filteredOn(x -> x.failed()).isNotEmpty()
        .allSatisfy(x -> assertThat(x.message()).contains("\"zip\"").contains("not found"));
  }

  @Test
  void environmentsLetTheLabelBeAbsentAtServing() {
    Table train = CheckTest.good().withColumn(DoubleColumn.of("label", 0, 1, 0, 1, 1, 0));
    DataSchema s = DataSchema.infer(Profiler.profileOf(train)).withEnvironments("label", Set.of("training"));
    assertThat(Validator.of(s.checks("serving")).validate(CheckTest.good()).status()).isEqualTo(Report.Status.OK);
    assertThat(Validator.of(s.checks("training")).validate(CheckTest.good()).status()).isEqualTo(Report.Status.ERROR);
    assertThat(DataSchema.fromMap(s.toMap(), "mem")).isEqualTo(s);
  }

  @Test
  void unexpectedColumnsAreAWarning() {
    DataSchema s = DataSchema.infer(Profiler.profileOf(CheckTest.good()));
    ValidationResult r = Validator.of(s.checks(null)).validate(CheckTest.good().withColumn(DoubleColumn.of("new", 1, 2, 3, 4, 5, 6)));
    assertThat(r.status()).isEqualTo(Report.Status.WARNING);
  }

  @Test
  void suggestedChecksCarryEvidenceAndPassOnTheDataTheyCameFrom() {
    List<Suggestion> sug = Suggestions.suggest(Profiler.profileOf(CheckTest.good()));
    assertThat(sug).allSatisfy(x -> assertThat(x.evidence()).isNotBlank());
    assertThat(sug).extracting(x -> x.check().kind()).contains(CheckKind.COMPLETENESS, CheckKind.UNIQUENESS,
        CheckKind.IN_SET, CheckKind.NON_NEGATIVE, CheckKind.RANGE, CheckKind.TYPE, CheckKind.PATTERN, CheckKind.ROW_COUNT);
    ValidationResult r = Validator.of(sug.stream().map(Suggestion::check).toList()).validate(CheckTest.good());
    assertThat(r.results()).allSatisfy(x -> assertThat(x.outcome()).as(x.message()).isEqualTo(Outcome.PASSED));
  }

  @Test
  void idsBeyondTheExactRangeOfTheDistinctSketchAreStillSuggestedUnique() {
    long[] ids = new long[20_000];
    long[] halves = new long[20_000];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = 1_000_000L + i * 7L;
      halves[i] = i / 2;
    }
    var p = Profiler.profileOf(Table.of(dev.vigil.data.LongColumn.of("id", ids), dev.vigil.data.LongColumn.of("pair", halves)));
    assertThat(p.column("id").distinctIsExact()).isFalse();
    assertThat(p.column("id").looksUnique()).isTrue();
    assertThat(p.column("pair").looksUnique()).isFalse();
    assertThat(DataSchema.infer(p).feature("id").orElseThrow().unique()).isTrue();
  }

  @org.junit.jupiter.api.Test
  void inferredSchemaAndSuggestionsRaiseNoErrorOnAFreshSampleOfTheSameSource() {
    dev.vigil.profile.TableProfile p = dev.vigil.profile.Profiler.profileOf(dev.vigil.data.Synthetic.hospitalScans(5000, 7));
    java.util.List<Check> checks = new java.util.ArrayList<>(DataSchema.infer(p).checks(null));
    Suggestions.suggest(p).forEach(x -> checks.add(x.check()));
    for (long seed = 8; seed < 11; seed++) {
      ValidationResult r = Validator.of(checks).validate(dev.vigil.data.Synthetic.hospitalScans(5000, seed));
      org.assertj.core.api.Assertions.assertThat(r.results().stream()
              .filter(c -> c.failed() && c.check().severity() == Severity.ERROR).map(c -> c.check().name()).toList())
          .as("seed %d", seed).isEmpty();
    }
  }
}
