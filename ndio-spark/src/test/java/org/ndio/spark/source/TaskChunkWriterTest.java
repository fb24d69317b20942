package org.ndio.spark.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.ndio.NdioException;
import org.ndio.store.ParallelWrite;
import org.ndio.store.VolumeInfo;
import org.ndio.volume.DataType;
import org.ndio.volume.Volume;

class TaskChunkWriterTest {

  /** A write whose writer encodes "chunks" on a parallel stream, as the stores do. */
  private static final class ThreadsSeen implements ParallelWrite {
    final Set<Thread> threads = ConcurrentHashMap.newKeySet();
    final Set<Thread> closedOn = ConcurrentHashMap.newKeySet();
    final LongAdder work = new LongAdder(); // keeps the busy loop from being removed

    @Override
    public VolumeInfo info() {
      throw new UnsupportedOperationException();
    }

    @Override
    public ChunkWriter writer() {
      return new ChunkWriter() {
        @Override
        public void write(long x, long y, long z, Volume data) {
          if (x < 0) {
            throw new NdioException("refused box at " + x);
          }
          IntStream.range(0, 64).parallel().forEach(i -> {
            threads.add(Thread.currentThread());
            long spin = 0;
            for (int k = 0; k < 20_000; k++) {
              spin += k * (long) i;
            }
            work.add(spin);
          });
        }

        @Override
        public void close() {
          closedOn.add(Thread.currentThread());
        }
      };
    }

    @Override
    public void commit() {}

    @Override
    public void abort() {}
  }

  @Test
  void aWritersParallelStreamsStayOnOneThreadOutsideTheCommonPool() {
    ThreadsSeen write = new ThreadsSeen();
    Volume v = Volume.allocate(DataType.UINT8, 4, 4, 4);
    try (ParallelWrite.ChunkWriter w = TaskChunkWriter.open(write)) {
      for (int i = 0; i < 5; i++) {
        w.write(0, 0, 4 * i, v);
      }
    }
    assertEquals(1, write.threads.size(), "threads that ran the writer's streams: "
        + write.threads);
    Thread only = write.threads.iterator().next();
    assertFalse(only.getName().contains("commonPool"), only.getName());
    assertFalse(only == Thread.currentThread(), "ran on the caller's thread");
    assertSame(only, write.closedOn.iterator().next());
  }

  @Test
  void withoutItTheSameWriterSpreadsOverTheCommonPool() {
    // The control: called from a plain thread, the stream reaches the common pool's workers.
    ThreadsSeen write = new ThreadsSeen();
    Volume v = Volume.allocate(DataType.UINT8, 4, 4, 4);
    try (ParallelWrite.ChunkWriter w = write.writer()) {
      for (int i = 0; i < 50; i++) {
        w.write(0, 0, 0, v);
      }
    }
    assertTrue(write.threads.size() > 1, "threads: " + write.threads);
  }

  @Test
  void theWritersErrorsReachTheTaskAsThrown() {
    ThreadsSeen write = new ThreadsSeen();
    Volume v = Volume.allocate(DataType.UINT8, 1, 1, 1);
    try (ParallelWrite.ChunkWriter w = TaskChunkWriter.open(write)) {
      NdioException e = assertThrows(NdioException.class, () -> w.write(-3, 0, 0, v));
      assertEquals("refused box at -3", e.getMessage());
    }
    assertEquals(List.of(), List.copyOf(write.threads));
  }
}
