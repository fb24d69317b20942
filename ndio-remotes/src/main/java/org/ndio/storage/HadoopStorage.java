package org.ndio.storage;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.ndio.StorageException;
import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.ndio.NdioException;
import org.ndio.PathEscapeException;
import org.ndio.VolumeExistsException;

/**
 * Blobs under a directory of any Hadoop file system ({@code hdfs:}, {@code s3a:}, {@code
 * file:}, ...). Writes go to a temporary name and are renamed, which is atomic on HDFS; on
 * object stores such as S3A a rename is a copy, but a reader still never sees a partial object
 * because S3 makes an object visible only once its upload completes.
 */
public final class HadoopStorage implements Storage {

  private final FileSystem fs;
  private final Path root;

  public HadoopStorage(URI uri, Configuration conf) {
    try {
      this.fs = FileSystem.get(uri, conf);
    } catch (IOException e) {
      throw new NdioException("cannot reach the file system of " + uri + ": " + e.getMessage(), e);
    }
    this.root = fs.makeQualified(new Path(uri));
  }

  private HadoopStorage(FileSystem fs, Path root) {
    this.fs = fs;
    this.root = root;
  }

  private Path resolve(String key) {
    if (key.isEmpty()) {
      return root;
    }
    if (!SafeNames.isContained(key)) {
      throw new PathEscapeException(root + ": key '" + key + "' leads outside the store");
    }
    return new Path(root, key);
  }

  @Override
  public Optional<byte[]> read(String key) {
    Path p = resolve(key);
    try (InputStream in = fs.open(p)) {
      return Optional.of(in.readAllBytes());
    } catch (FileNotFoundException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new StorageException("cannot read " + p + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void write(String key, byte[] bytes, int offset, int length) {
    Path target = resolve(key);
    Path tmp = new Path(target.getParent(), "." + target.getName() + ".tmp-" + UUID.randomUUID());
    try {
      try (OutputStream out = fs.create(tmp, false)) {
        out.write(bytes, offset, length);
      }
      // HDFS rename does not replace: remove the old blob first. A reader in that gap sees no
      // blob, which chunked formats read as fill value; writers of one chunk never race here
      // because each chunk has one writing task.
      if (!fs.rename(tmp, target)) {
        fs.delete(target, false);
        if (!fs.rename(tmp, target)) {
          throw new IOException("rename of " + tmp + " to " + target + " failed");
        }
      }
    } catch (IOException e) {
      try {
        fs.delete(tmp, false);
      } catch (IOException ignored) {
        // best effort
      }
      throw new StorageException("cannot write " + target + ": " + e.getMessage(), e);
    }
  }

  @Override
  public boolean exists(String key) {
    try {
      return fs.exists(resolve(key));
    } catch (IOException e) {
      throw new StorageException(e.getMessage(), e);
    }
  }

  @Override
  public void delete(String key) {
    try {
      fs.delete(resolve(key), false);
    } catch (IOException e) {
      throw new StorageException("cannot delete " + resolve(key) + ": " + e.getMessage(), e);
    }
  }

  @Override
  public List<String> list(String dir) {
    try {
      Path d = resolve(dir);
      if (!fs.exists(d)) {
        return List.of();
      }
      return Arrays.stream(fs.listStatus(d)).map(FileStatus::getPath).map(Path::getName)
          .sorted().toList();
    } catch (IOException e) {
      throw new StorageException(e.getMessage(), e);
    }
  }

  @Override
  public void deleteRoot() {
    try {
      fs.delete(root, true);
    } catch (IOException e) {
      throw new StorageException("cannot delete " + root + ": " + e.getMessage(), e);
    }
  }

  @Override
  public boolean rootExists() {
    try {
      return fs.exists(root);
    } catch (IOException e) {
      throw new StorageException(e.getMessage(), e);
    }
  }

  @Override
  public String location() {
    return root.toString();
  }

  @Override
  public Storage child(String name) {
    return new HadoopStorage(fs, resolve(name));
  }

  @Override
  public Storage sibling(String name) {
    return new HadoopStorage(fs, new Path(root.getParent(), name));
  }

  @Override
  public void renameRootTo(Storage target) {
    Path to = ((HadoopStorage) target).root;
    try {
      if (fs.exists(to)) {
        throw new VolumeExistsException(to + " already exists");
      }
      fs.mkdirs(to.getParent());
      if (!fs.rename(root, to)) {
        throw new IOException("rename returned false");
      }
    } catch (IOException e) {
      throw new StorageException(
          "cannot rename " + root + " to " + to + ": " + e.getMessage(), e);
    }
  }

  @Override
  public String toString() {
    return location();
  }
}
