package org.ndio.jobs.spark;

import org.apache.spark.SparkEnv;
import org.apache.spark.TaskContext;
import org.ndio.store.ParallelWrite;
import org.ndio.volume.Volume;

/**
 * Faults that tests inject into running jobs, to show that Spark's retries of failed tasks
 * leave the same output: with {@value #FAIL_FIRST_ATTEMPT} set to true in the Spark conf (or as
 * a local property of the thread that submits the job), the first
 * attempt of every task writes half of its first box (a real half-written cuboid) and fails.
 * Off unless that test-only setting is given, and then only in tasks.
 */
public final class TestFaults {

  /** The Spark conf key that turns the fault on. */
  public static final String FAIL_FIRST_ATTEMPT = "spark.ndio.test.failFirstAttempt";

  private TestFaults() {}

  /** {@code out}, or a writer that fails as described above where the fault is on. */
  public static ParallelWrite.ChunkWriter wrap(ParallelWrite.ChunkWriter out) {
    TaskContext task = TaskContext.get();
    if (task == null || task.attemptNumber() > 0 || !on(task)) {
      return out;
    }
    return new ParallelWrite.ChunkWriter() {
      @Override
      public void write(long x, long y, long z, Volume data) {
        int half = data.sizeZ() / 2;
        if (half > 0) {
          out.write(x, y, z, data.view(0, 0, 0, data.sizeX(), data.sizeY(), half));
        }
        throw new IllegalStateException("injected fault: attempt 0 of task "
            + task.taskAttemptId() + " fails half way through writing a box");
      }

      @Override
      public long retries() {
        return out.retries();
      }

      @Override
      public void close() {
        out.close();
      }
    };
  }

  private static boolean on(TaskContext task) {
    return "true".equals(task.getLocalProperty(FAIL_FIRST_ATTEMPT))
        || (SparkEnv.get() != null && SparkEnv.get().conf().getBoolean(FAIL_FIRST_ATTEMPT,
            false));
  }
}
