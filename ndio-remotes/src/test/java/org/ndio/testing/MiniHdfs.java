package org.ndio.testing;

import java.io.IOException;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.hdfs.MiniDFSCluster;

/**
 * A one-datanode HDFS on loopback for tests. ndio opens {@code hdfs://} URLs with a fresh
 * Hadoop Configuration; Hadoop's FileSystem cache hands it the cluster's client, so nothing else
 * needs configuring.
 */
public final class MiniHdfs implements AutoCloseable {

  private final MiniDFSCluster cluster;

  private MiniHdfs(MiniDFSCluster cluster) {
    this.cluster = cluster;
  }

  /** Starts a cluster keeping its blocks under {@code base}. */
  public static MiniHdfs start(Path base) throws IOException {
    Configuration conf = new Configuration();
    conf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, base.toString());
    MiniDFSCluster cluster = new MiniDFSCluster.Builder(conf).numDataNodes(1).build();
    cluster.waitActive();
    return new MiniHdfs(cluster);
  }

  /** {@code hdfs://127.0.0.1:PORT}, to which paths are appended. */
  public String uri() {
    return "hdfs://127.0.0.1:" + cluster.getNameNodePort();
  }

  @Override
  public void close() throws IOException {
    cluster.shutdown();
    FileSystem.closeAll();
  }
}
