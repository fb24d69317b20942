package org.ndio.serve.dvid;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import org.ndio.storage.Storage;

/**
 * The pairs of one keyvalue instance, versioned like its voxels: each node keeps the values
 * posted at it as files {@code NODE/kv/KEY} and the keys deleted at it as markers {@code
 * NODE/deleted/KEY}; a read at a node takes the nearest of its ancestry. File names are the keys
 * percent-encoded (every byte but letters, digits, {@code -} and {@code _}), so any key is a
 * safe file name.
 */
final class KeyValueStore {

  private final Storage dir;

  KeyValueStore(Storage dir) {
    this.dir = dir;
  }

  static String encode(String key) {
    StringBuilder b = new StringBuilder();
    for (byte c : key.getBytes(StandardCharsets.UTF_8)) {
      if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
          || c == '-' || c == '_') {
        b.append((char) c);
      } else {
        b.append('%').append(String.format("%02X", c & 0xff));
      }
    }
    return b.toString();
  }

  static String decode(String name) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c == '%' && i + 2 < name.length()) {
        out.write(Integer.parseInt(name.substring(i + 1, i + 3), 16));
        i += 2;
      } else {
        out.write(c);
      }
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  Optional<byte[]> get(List<String> chain, String key) {
    String name = encode(key);
    for (String node : chain) {
      Optional<byte[]> v = dir.read(node + "/kv/" + name);
      if (v.isPresent()) {
        return v;
      }
      if (dir.exists(node + "/deleted/" + name)) {
        return Optional.empty();
      }
    }
    return Optional.empty();
  }

  void put(String node, String key, byte[] value) {
    String name = encode(key);
    dir.write(node + "/kv/" + name, value);
    dir.delete(node + "/deleted/" + name);
  }

  void delete(String node, boolean hasAncestors, String key) {
    String name = encode(key);
    dir.delete(node + "/kv/" + name);
    if (hasAncestors) {
      dir.write(node + "/deleted/" + name, new byte[0]);
    }
  }

  /** Every key seen at the first node of {@code chain}, in key order. */
  List<String> keys(List<String> chain) {
    TreeSet<String> keys = new TreeSet<>();
    for (int i = chain.size() - 1; i >= 0; i--) {
      String node = chain.get(i);
      for (String n : dir.list(node + "/deleted")) {
        if (!n.startsWith(".")) {
          keys.remove(decode(n));
        }
      }
      for (String n : dir.list(node + "/kv")) {
        if (!n.startsWith(".")) {
          keys.add(decode(n));
        }
      }
    }
    return new ArrayList<>(keys);
  }
}
