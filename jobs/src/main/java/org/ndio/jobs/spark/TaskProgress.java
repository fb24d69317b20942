package org.ndio.jobs.spark;

import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerStageSubmitted;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.ndio.jobs.convert.Convert;

/** Turns Spark's task events into progress: tasks finished out of tasks submitted. */
public final class TaskProgress extends SparkListener {

  private final Convert.Progress progress;
  private final AtomicInteger submitted = new AtomicInteger();
  private final AtomicInteger finished = new AtomicInteger();

  public TaskProgress(Convert.Progress progress) {
    this.progress = progress;
  }

  @Override
  public void onStageSubmitted(SparkListenerStageSubmitted stage) {
    submitted.addAndGet(stage.stageInfo().numTasks());
  }

  @Override
  public void onTaskEnd(SparkListenerTaskEnd task) {
    if (task.taskInfo().successful()) {
      progress.block(finished.incrementAndGet(), Math.max(submitted.get(), finished.get()));
    }
  }
}
