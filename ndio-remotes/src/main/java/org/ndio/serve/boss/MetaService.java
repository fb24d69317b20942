package org.ndio.serve.boss;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.ndio.serve.Call;
import org.ndio.serve.Reply;
import org.ndio.serve.boss.ResourceStore.Kind;

/**
 * {@code /v1/meta/C/[E/[CH/]]?key=K&value=V}: GET without a key lists {@code {"keys": [...]}},
 * with one answers {@code {"key": K, "value": V}}; POST creates (201, 400 if the key exists),
 * PUT updates (200, 400 if it does not), DELETE removes (204, 400 if absent), all with empty
 * bodies and the service's 1003 messages.
 */
final class MetaService {

  private final ResourceStore store;
  private final Object lock;

  MetaService(ResourceStore store, Object lock) {
    this.store = store;
    this.lock = lock;
  }

  Reply handle(Call call, List<String> names, boolean anonymous) {
    Optional<String> key = call.param("key");
    Optional<String> value = call.param("value");
    String m = call.method();
    if ((m.equals("POST") || m.equals("PUT")) && (key.isEmpty() || value.isEmpty())) {
      throw new BossError(ErrorCode.INVALID_POST_ARGUMENT,
          "Missing optional argument key/value in the request");
    }
    if (m.equals("DELETE") && key.isEmpty()) {
      throw new BossError(ErrorCode.INVALID_POST_ARGUMENT,
          "Missing optional argument key in the request");
    }
    Path dir = resolve(names, anonymous);
    synchronized (lock) {
      Map<String, String> meta = store.meta(dir);
      switch (m) {
        case "GET" -> {
          if (key.isEmpty()) {
            ObjectNode out = Answers.JSON.createObjectNode();
            ArrayNode keys = out.putArray("keys");
            meta.keySet().forEach(keys::add);
            return Answers.json(200, out);
          }
          String k = key.get();
          if (!meta.containsKey(k)) {
            throw new BossError(ErrorCode.INVALID_POST_ARGUMENT, "Invalid request. Key " + k
                + " Not found in the database");
          }
          return Answers.json(200, Answers.JSON.createObjectNode().put("key", k)
              .put("value", meta.get(k)));
        }
        case "POST" -> {
          if (meta.containsKey(key.get())) {
            throw new BossError(ErrorCode.INVALID_POST_ARGUMENT, "Invalid request. The key "
                + key.get() + " already exists");
          }
          meta.put(key.get(), value.get());
          store.writeMeta(dir, meta);
          return empty(201);
        }
        case "PUT" -> {
          if (!meta.containsKey(key.get())) {
            throw new BossError(ErrorCode.INVALID_POST_ARGUMENT, "Invalid request. The key "
                + key.get() + " does not exists");
          }
          meta.put(key.get(), value.get());
          store.writeMeta(dir, meta);
          return empty(200);
        }
        default -> {
          if (meta.remove(key.get()) == null) {
            throw new BossError(ErrorCode.INVALID_POST_ARGUMENT, "[ERROR]- Key " + key.get()
                + " not found ");
          }
          store.writeMeta(dir, meta);
          return empty(204);
        }
      }
    }
  }

  private static Reply empty(int status) {
    return Reply.of(status, "text/html; charset=utf-8", new byte[0]);
  }

  /** The directory of the named resource, checked as the service's BossRequest checks it. */
  private Path resolve(List<String> names, boolean anonymous) {
    String[] kinds = {"Collection", "Experiment", "Channel"};
    Kind[] k = {Kind.COLLECTION, Kind.EXPERIMENT, Kind.CHANNEL};
    for (int i = 0; i < names.size(); i++) {
      String[] upTo = names.subList(0, i + 1).toArray(String[]::new);
      ObjectNode n = store.read(k[i], upTo).orElseThrow(() -> BossError.notFound(
          kinds[upTo.length - 1] + " " + upTo[upTo.length - 1] + " not found"));
      if (ResourceStore.deleted(n)) {
        throw new BossError(ErrorCode.RESOURCE_MARKED_FOR_DELETION, "Invalid Request. This"
            + " resource " + upTo[upTo.length - 1] + " has been marked for deletion");
      }
    }
    if (anonymous) {
      throw new BossError(ErrorCode.MISSING_PERMISSION, ChannelRequest.NO_PERMISSION);
    }
    return store.dir(names.toArray(String[]::new));
  }
}
