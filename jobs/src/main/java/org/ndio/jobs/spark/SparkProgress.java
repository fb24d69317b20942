package org.ndio.jobs.spark;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeoutException;
import org.apache.spark.SparkContext;
import org.apache.spark.scheduler.AccumulableInfo;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobEnd;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.scheduler.StageInfo;
import org.apache.spark.sql.SparkSession;
import org.ndio.jobs.progress.JobStatus;
import org.ndio.jobs.progress.ProgressSource;
import org.ndio.spark.source.ReadMetrics;
import scala.jdk.javaapi.CollectionConverters;

/**
 * The progress of the Spark jobs one thread runs, from Spark's listener events: tasks finished
 * of the tasks of the stages those jobs planned, voxels and bytes read (the ndio source's
 * metrics, or any accumulator named like them), failed task attempts and retried requests.
 *
 * <p>Jobs are told apart by a local property of the thread that opened the watch (Spark copies
 * it into every job the thread starts), so other work on a shared session is not counted. A
 * stage Spark skips because its shuffle output exists is counted once, by the job that first
 * planned it; when a job ends, stages it planned but did not (fully) run drop out of the total,
 * so done equals total once every job ended.
 */
public final class SparkProgress extends SparkListener implements ProgressSource,
    AutoCloseable {

  /** The local property that marks the watched thread's jobs. */
  static final String PROPERTY = "ndio.progress";

  /** Accumulators (and ndio source metrics) with these names count voxels and bytes read. */
  public static final String VOXELS = ReadMetrics.VOXELS_LABEL;
  public static final String VOXEL_BYTES = ReadMetrics.VOXEL_BYTES_LABEL;
  /** Accumulators with these names count requests sent again. */
  public static final Set<String> RETRIES = Set.of(ReadMetrics.RETRIES_LABEL,
      "ndio write retries");

  private static final long SETTLE_MILLIS = 10_000;

  private final SparkContext sc;
  private final String id;
  private final String previous;

  private final Map<Integer, Integer> planned = new HashMap<>();
  private final Map<Integer, List<Integer>> stagesOfJob = new HashMap<>();
  private final Map<Integer, BitSet> finished = new HashMap<>();
  private long done;
  private long total;
  private long voxels;
  private long bytes;
  private long failed;
  private long retries;

  private SparkProgress(SparkContext sc) {
    this.sc = sc;
    this.id = UUID.randomUUID().toString();
    this.previous = sc.getLocalProperty(PROPERTY);
  }

  /** Starts counting the jobs this thread runs on {@code spark} until {@link #close}. */
  public static SparkProgress watch(SparkSession spark) {
    SparkContext sc = spark.sparkContext();
    SparkProgress p = new SparkProgress(sc);
    sc.addSparkListener(p);
    sc.setLocalProperty(PROPERTY, p.id);
    return p;
  }

  @Override
  public synchronized JobStatus status() {
    return new JobStatus(done, total, "tasks", voxels, bytes, failed, retries);
  }

  /**
   * Waits for Spark's listener queues to drain: the last task and job events of an action
   * that has returned may still be queued. Spark has no public call for this; its event bus's
   * own wait is the one the Spark tests use.
   */
  @Override
  public void settle() {
    try {
      sc.listenerBus().waitUntilEmpty(SETTLE_MILLIS);
    } catch (TimeoutException e) {
      // Progress is a report, not a result: a late count is acceptable.
    }
  }

  /** Stops counting and gives the thread back its previous property. */
  @Override
  public void close() {
    sc.setLocalProperty(PROPERTY, previous);
    sc.removeSparkListener(this);
  }

  @Override
  public synchronized void onJobStart(SparkListenerJobStart job) {
    if (job.properties() == null || !id.equals(job.properties().getProperty(PROPERTY))) {
      return;
    }
    List<Integer> mine = new ArrayList<>();
    for (StageInfo s : CollectionConverters.asJava(job.stageInfos())) {
      if (!planned.containsKey(s.stageId())) {
        planned.put(s.stageId(), s.numTasks());
        finished.put(s.stageId(), new BitSet(s.numTasks()));
        total += s.numTasks();
        mine.add(s.stageId());
      }
    }
    stagesOfJob.put(job.jobId(), mine);
  }

  @Override
  public synchronized void onTaskEnd(SparkListenerTaskEnd task) {
    BitSet done = finished.get(task.stageId());
    if (done == null) {
      return;
    }
    if (task.taskInfo().successful()) {
      int index = task.taskInfo().index();
      if (!done.get(index)) {
        done.set(index);
        this.done++;
      }
      for (AccumulableInfo a : CollectionConverters.asJava(task.taskInfo().accumulables())) {
        add(a);
      }
    } else if (task.taskInfo().failed()) {
      failed++;
    }
  }

  @Override
  public synchronized void onJobEnd(SparkListenerJobEnd job) {
    List<Integer> mine = stagesOfJob.remove(job.jobId());
    if (mine == null) {
      return;
    }
    // Stages skipped (their shuffle output was there) or cut short drop out of the total.
    for (int stage : mine) {
      int ran = finished.get(stage).cardinality();
      total -= planned.get(stage) - ran;
      planned.put(stage, ran);
    }
  }

  private void add(AccumulableInfo a) {
    if (a.name().isEmpty() || a.update().isEmpty() || !(a.update().get() instanceof Long)) {
      return;
    }
    String name = a.name().get();
    long v = (Long) a.update().get();
    if (name.equals(VOXELS)) {
      voxels += v;
    } else if (name.equals(VOXEL_BYTES)) {
      bytes += v;
    } else if (RETRIES.contains(name)) {
      retries += v;
    }
  }
}
