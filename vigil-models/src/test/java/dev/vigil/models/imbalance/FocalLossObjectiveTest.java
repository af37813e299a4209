package dev.vigil.models.imbalance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.oracle.labs.mlrg.olcut.util.Pair;
import org.junit.jupiter.api.Test;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.sgd.linear.LinearSGDTrainer;
import org.tribuo.classification.sgd.objectives.LogMulticlass;
import org.tribuo.impl.ArrayExample;
import org.tribuo.math.la.DenseVector;
import org.tribuo.math.la.SGDVector;
import org.tribuo.math.optimisers.AdaGrad;
import org.tribuo.provenance.SimpleDataSourceProvenance;

class FocalLossObjectiveTest {

  @Test
  void gammaZeroMatchesTribuosLogMulticlass() {
    double[] z = {0.3, -1.2, 2.0};
    Pair<Double, SGDVector> f = new FocalLossObjective(0, null).valueAndGradient(1, DenseVector.createDenseVector(z));
    Pair<Double, SGDVector> l = new LogMulticlass().valueAndGradient(1, DenseVector.createDenseVector(z.clone()));
    assertThat(f.getA()).isCloseTo(l.getA(), within(1e-12));
    for (int c = 0; c < 3; c++) {
      assertThat(f.getB().get(c)).isCloseTo(l.getB().get(c), within(1e-12));
    }
  }

  @Test
  void trainsTribuosLinearSgdTrainer() {
    LabelFactory lf = new LabelFactory();
    MutableDataset<Label> ds = new MutableDataset<>(new SimpleDataSourceProvenance("focal-test", lf), lf);
    for (int i = 0; i < 200; i++) {
      boolean rare = i % 10 == 0;
      double x = rare ? 2 + (i % 7) * 0.1 : -1 + (i % 13) * 0.1;
      ds.add(new ArrayExample<>(new Label(rare ? "rare" : "common"), new String[] {"x"}, new double[] {x}));
    }
    LinearSGDTrainer t = new LinearSGDTrainer(new FocalLossObjective(2, null), new AdaGrad(0.5), 20, 1L);
    Model<Label> m = t.train(ds);
    assertThat(m.predict(new ArrayExample<>(new Label("rare"), new String[] {"x"}, new double[] {2.3}))
        .getOutput().getLabel()).isEqualTo("rare");
    assertThat(m.getProvenance().toString()).contains("FocalLossObjective");
  }
}
