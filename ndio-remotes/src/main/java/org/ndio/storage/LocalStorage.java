package org.ndio.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import org.ndio.ByteSlice;
import org.ndio.PathEscapeException;
import org.ndio.StorageException;
import org.ndio.VolumeExistsException;

/** Blobs in a directory of the local file system, through java.nio. */
public final class LocalStorage implements Storage {

  /**
   * Largest piece read or written in one call: the JDK copies each through a temporary direct
   * buffer as large as the piece, kept per thread.
   */
  private static final int PIECE = 1 << 20;

  private final Path root;
  // The root with links followed, found once it exists (a store's root may itself be a link).
  private volatile Path realRoot;

  public LocalStorage(Path root) {
    this.root = root.toAbsolutePath().normalize();
  }

  public Path root() {
    return root;
  }

  private Path resolve(String key) {
    Path p;
    try {
      p = root.resolve(key).normalize();
    } catch (InvalidPathException e) {
      throw new PathEscapeException(root + ": key '" + key + "' is not a valid path", e);
    }
    if (!SafeNames.isContained(key) || !p.startsWith(root)) {
      throw new PathEscapeException(root + ": key '" + key + "' leads outside the store");
    }
    return p;
  }

  /**
   * {@code p} (which exists) after following symbolic links, refused if they lead outside the
   * store: a link in a store must not make it read or list files elsewhere.
   */
  private Path followed(Path p, String key) throws IOException {
    Path real = p.toRealPath();
    Path realRoot = realRoot();
    if (!real.startsWith(realRoot)) {
      throw new PathEscapeException(root + ": key '" + key + "' is a symbolic link to " + real
          + ", outside the store");
    }
    return real;
  }

  private Path realRoot() throws IOException {
    Path r = realRoot;
    if (r == null) {
      r = root.toRealPath();
      realRoot = r;
    }
    return r;
  }

  @Override
  public Optional<byte[]> read(String key) {
    return read(key, null).map(ByteSlice::toArray);
  }

  @Override
  public Optional<ByteSlice> read(String key, byte[] buffer) {
    Path file = resolve(key);
    try (FileChannel c = FileChannel.open(followed(file, key), StandardOpenOption.READ)) {
      long size = c.size();
      if (size > Integer.MAX_VALUE - 8) {
        throw new StorageException(file + " is " + size + " bytes, more than one array holds");
      }
      byte[] into = buffer != null && buffer.length >= size ? buffer : new byte[(int) size];
      int n = 0;
      while (n < size) {
        int got = c.read(ByteBuffer.wrap(into, n, Math.min(PIECE, (int) size - n)));
        if (got < 0) {
          break; // shortened while read: what is there is what the reader gets
        }
        n += got;
      }
      return Optional.of(new ByteSlice(into, n));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new StorageException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void write(String key, byte[] bytes, int offset, int length) {
    Objects.checkFromIndexSize(offset, length, bytes.length);
    Path target = resolve(key);
    Path tmp = target.resolveSibling("." + target.getFileName() + ".tmp-" + UUID.randomUUID());
    try {
      Files.createDirectories(target.getParent());
      // Pieces of PIECE bytes, not Files.write's 8 KiB: each piece costs a syscall.
      try (FileChannel c = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW,
          StandardOpenOption.WRITE)) {
        for (int at = offset, end = offset + length; at < end; ) {
          at += c.write(ByteBuffer.wrap(bytes, at, Math.min(PIECE, end - at)));
        }
      }
      moveAtomically(tmp, target);
    } catch (IOException e) {
      deleteQuietly(tmp);
      throw new StorageException("cannot write " + target + ": " + e.getMessage(), e);
    }
  }

  /** Renames {@code from} over {@code to} in one step where the file system allows it. */
  public static void moveAtomically(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  static void deleteQuietly(Path p) {
    try {
      Files.deleteIfExists(p);
    } catch (IOException ignored) {
      // best effort: a stray temporary file is harmless and named as one
    }
  }

  @Override
  public boolean exists(String key) {
    return Files.exists(resolve(key));
  }

  @Override
  public void delete(String key) {
    try {
      Files.deleteIfExists(resolve(key));
    } catch (IOException e) {
      throw new StorageException("cannot delete " + resolve(key) + ": " + e.getMessage(), e);
    }
  }

  @Override
  public List<String> list(String dir) {
    Path d = resolve(dir);
    if (!Files.isDirectory(d)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(followed(d, dir))) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    } catch (IOException e) {
      throw new StorageException("cannot list " + d + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void deleteRoot() {
    deleteTree(root);
  }

  /** Deletes a file or a directory tree; no error if it is absent. */
  public static void deleteTree(Path top) {
    if (!Files.exists(top)) {
      return;
    }
    try (Stream<Path> s = Files.walk(top)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new StorageException("cannot delete " + top + ": " + e.getMessage(), e);
    }
  }

  @Override
  public boolean rootExists() {
    return Files.exists(root);
  }

  @Override
  public String location() {
    return root.toString();
  }

  @Override
  public Storage child(String name) {
    return new LocalStorage(resolve(name));
  }

  @Override
  public Storage sibling(String name) {
    return new LocalStorage(root.resolveSibling(name));
  }

  @Override
  public void renameRootTo(Storage target) {
    Path to = ((LocalStorage) target).root;
    try {
      Files.createDirectories(to.getParent());
      Files.move(root, to, StandardCopyOption.ATOMIC_MOVE);
    } catch (FileAlreadyExistsException e) {
      throw new VolumeExistsException(to + " already exists", e);
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
