package dev.vigil.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.InvalidArgumentException;
import java.nio.file.Path;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Artifact paths that pass the check can never leave the folder they are resolved against. */
class ArtifactPathProperties {
  @Provide
  Arbitrary<String> paths() {
    Arbitrary<String> segment = Arbitraries.oneOf(Arbitraries.of("..", ".", "", "a", "b.txt", "C:", "\\\\..", "x\\\\y", "/"),
        Arbitraries.strings().withChars("ab./\\\\:").ofMinLength(1).ofMaxLength(4));
    return segment.list().ofMinSize(1).ofMaxSize(6).map(l -> String.join("/", l));
  }

  @Property(tries = 500)
  void acceptedPathsStayInsideTheRoot(@ForAll("paths") String path) {
    Path root = Path.of("/srv/artifacts");
    String checked;
    try {
      checked = ArtifactFiles.checkPath(path, "artifact path");
    } catch (InvalidArgumentException e) {
      assertThat(e).hasMessageContaining("artifact path");
      return;
    }
    Path resolved = root.resolve(checked).normalize();
    assertThat(resolved.startsWith(root)).as(path).isTrue();
    assertThat(resolved).isNotEqualTo(root);
    assertThat(List.of(checked.split("/"))).doesNotContain("..", ".", "");
  }

  @Property(tries = 200)
  void anyDotDotSegmentIsRefused(@ForAll("paths") String prefix, @ForAll("paths") String suffix) {
    assertThatThrownBy(() -> ArtifactFiles.checkPath(prefix + "/../" + suffix, "artifact path"))
        .isInstanceOf(InvalidArgumentException.class);
  }
}
