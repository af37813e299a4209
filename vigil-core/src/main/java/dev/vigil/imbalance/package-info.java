/**
 * Class imbalance: resampling (the imbalanced-learn family), loss weighting (class weights, focal
 * loss), probability recalibration, cost-sensitive thresholds, dynamic re-weighting, imbalance
 * metrics and an advisor that compares them.
 *
 * <h2>Terms</h2>
 * <ul>
 *   <li><b>Classes</b> are the distinct values of the label column, ordered as imbalanced-learn orders
 *       them ({@code np.unique}): ascending numbers for long/double labels, false before true, and
 *       lexicographic (UTF-16) order for categorical and string labels. The <b>majority</b> and
 *       <b>minority</b> are the first class in that order with the largest or smallest count.
 *   <li><b>Features</b> are all columns but the label and the optional weight column: double, long and
 *       boolean columns are numeric; categorical and string columns are categorical. Missing values,
 *       NaN and infinities are refused, naming the column and the count (impute first). Timestamp
 *       columns are refused.
 *   <li>A <b>sampling strategy</b> ({@link dev.vigil.imbalance.SamplingStrategy}) says which classes a
 *       method touches; {@link dev.vigil.imbalance.SamplingKind} says whether its numbers are samples
 *       to add (over), to keep (under) or only a mark (cleaning).
 * </ul>
 *
 * <h2>Determinism (where imbalanced-learn is vague)</h2>
 * <ul>
 *   <li>Neighbours come from {@link dev.vigil.neighbors}: ties in distance go to the lower row; a
 *       sample is excluded from its own neighbours by row number, never by distance 0.
 *   <li>Approximate neighbours ({@link dev.vigil.neighbors.NeighborOptions#approximate(double)} in
 *       {@link dev.vigil.imbalance.ResampleOptions#withNeighbors}, {@code vigil resample --approximate}):
 *       the searches of every method that uses k-NN (SMOTE family, ADASYN, NearMiss, Tomek links, ENN,
 *       RENN, All-kNN, NCR, OSS, CNN, SMOTE+ENN, SMOTE+Tomek, ...) go through an inverted-file index
 *       seeded by the neighbour options' seed, so results are deterministic for that seed and thread
 *       count independent, but they are no longer imbalanced-learn's: a sample whose true neighbour
 *       was missed may be kept, removed or interpolated differently. The lowest recall measured over
 *       the method's searches is recorded as {@code achieved_recall}, with the target and seed under
 *       {@code neighbors}. ENN's counting shortcut ({@code countCloser}) stays exact.
 *   <li>Randomness comes from the seed, one stream per class (see {@link
 *       dev.vigil.imbalance.Resamplers}); threads never change a result. CNN and OSS draw their seeds
 *       with numpy's legacy MT19937 so that they pick the same rows as imbalanced-learn.
 *   <li>Output order: kept or copied input rows first, in imbalanced-learn's order (class by class for
 *       ENN, RENN, All-kNN, NearMiss, CNN, OSS, random and cluster methods; input order for Tomek links
 *       and NCR; input rows then copies for random over-sampling), then synthetic rows class by class.
 *   <li>Distance: Euclidean (or Manhattan on request) for numeric features; HEOM when any feature is
 *       categorical (except SMOTE-NC, which uses imbalanced-learn's one-hot encoding at half the median
 *       standard deviation, and SMOTE-N, which uses VDM).
 *   <li>A cleaning rule never empties a class: a class it would remove entirely is kept whole and the
 *       result's parameters list it as {@code kept_whole_classes}, unless {@code allowEmptyClass}.
 * </ul>
 *
 * <h2>Differences from imbalanced-learn 0.10 (on purpose)</h2>
 * <ul>
 *   <li>CNN applies Hart's rule to every sample; imbalanced-learn skips a sample whose position in its
 *       class equals the row number of a stored sample (it mixes two index spaces). Pinned as a known
 *       deviation in the tests.
 *   <li>NCR with {@code kind_sel=all} tests "all neighbours are of the minority class"; imbalanced-learn
 *       tests that all neighbour labels are truthy, which agrees only when the minority label is the
 *       only non-zero one (binary 0/1 with minority 1).
 *   <li>Borderline-SMOTE-2 draws a Beta(10, 10) share of samples towards same-class neighbours (gap in
 *       [0, 1)) and the rest towards the k nearest samples of other classes (gap in [0, 0.5)), as Han et
 *       al. describe; imbalanced-learn indexes the other classes with same-class neighbour positions
 *       and may miss the requested count by one.
 *   <li>ADASYN and K-Means-SMOTE apportion the requested count by largest remainder, so the count
 *       is met exactly (imbalanced-learn rounds per sample or per cluster and may over- or undershoot).
 *   <li>SVM-SMOTE finds its support vectors as imbalanced-learn does, with scikit-learn's default
 *       {@code SVC()} on all rows (RBF kernel, C = 1, {@code gamma="scale"}, tol 1e-3, one-vs-one for
 *       several classes), solved by Vigil's own SMO with libsvm's second-order working-set selection
 *       and shrinking, and a kernel row cache bounded at 200 MB: the same support vectors as
 *       scikit-learn on the committed fixtures. The danger/safe split and the {@code int(Beta(10, 10)
 *       (n + 1))} share follow imbalanced-learn; when the danger or the safe group is empty the other
 *       makes every sample, so the requested count is met exactly (imbalanced-learn then falls short).
 *   <li>Instance hardness threshold cross-validates a {@link dev.vigil.imbalance.HardnessEstimator}
 *       (stratified folds, seeded shuffle per class). imbalanced-learn's default is a random forest of
 *       100 trees: vigil-models supplies one ({@code dev.vigil.models.imbalance.ForestHardness}, used by
 *       {@code vigil resample --method iht}); the core has no forest trainer, so
 *       {@link dev.vigil.imbalance.Resamplers#create} uses a k-NN classifier (k = 5, share of neighbour
 *       votes), much faster and a different selection (on the committed fixture the forest's kept rows
 *       overlap imbalanced-learn's as much as imbalanced-learn's own runs with other seeds do; k-NN's
 *       less).
 *   <li>NearMiss measures distances to the minority class as imbalanced-learn does, so a minority
 *       sample (only targeted with {@code all}, where all are kept) counts itself.
 *   <li>Synthetic rows turn long and boolean feature columns into double columns; categorical and
 *       string columns keep their type.
 * </ul>
 *
 * <h2>Asking the neighbour search only what a rule needs</h2>
 * The selections are those of a full k-NN search of every row; the work is not.
 * <ul>
 *   <li>Tomek links: a link joins two classes, so one end lies outside the largest class. Only the
 *       other classes' rows, and the largest-class rows they point at, are searched.
 *   <li>ENN with {@code kind_sel=all} (also inside RENN, All-kNN and SMOTE+ENN) on a class holding at
 *       least half of the rows: a row passes exactly when k rows of its class are strictly closer
 *       than its nearest row of another class, so that nearest row is searched among the other
 *       classes only and the same-class rows are only counted, up to k ({@link
 *       dev.vigil.neighbors.NeighborIndex#countCloser}); a distance tie goes to the full search.
 *   <li>k-means (cluster centroids, K-Means-SMOTE) keeps scikit-learn's Lloyd iterations but skips
 *       the points whose centre provably cannot change (Hamerly's bounds).
 * </ul>
 *
 * <h2>Regression targets and multi-label data</h2>
 * {@link dev.vigil.imbalance.Smoter} over-samples the rare tails of a numeric target (SMOTER) and
 * {@link dev.vigil.imbalance.MlSmote} the minority labels of multi-label data (MLSMOTE); both are
 * library calls only (no CLI method name).
 *
 * <h2>Weights carried through resampling</h2>
 * A weight column (not a feature) follows its rows: kept rows and copies keep their weight; a sample
 * interpolated from row a towards row b with gap g gets {@code w_a + g (w_b - w_a)}; a smoothed copy
 * or a SMOTE-N sample gets its base row's weight; a cluster centroid gets its class's mean weight.
 */
package dev.vigil.imbalance;
