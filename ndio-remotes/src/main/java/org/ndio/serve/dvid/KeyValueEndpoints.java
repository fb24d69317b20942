package org.ndio.serve.dvid;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.ndio.serve.Reply;

/**
 * The keyvalue endpoints: {@code help}, {@code info}, {@code keys}, {@code keyrange/K1/K2}
 * (inclusive) and {@code key/KEY} with GET (404 {@code Key "K" not found} when absent), POST,
 * DELETE and HEAD (200 or 404, no body). Values are octet-streams. Range reads are not served:
 * GET always answers the whole value.
 */
final class KeyValueEndpoints {

  private KeyValueEndpoints() {}

  static Reply handle(Target t) throws JsonProcessingException {
    KeyValueStore kv = t.instance().keyValues();
    switch (t.keyword()) {
      case "help":
        return Reply.text(200, "API for the keyvalue datatype as served by ndio's DVID test"
            + " server: GET .../keys, GET .../keyrange/<key1>/<key2>, GET|POST|DELETE|HEAD"
            + " .../key/<key>\n");
      case "info":
        return Reply.json(200, DvidJson.instance(t.instance(), t.repo().root(),
            Optional.empty(), Map.of()).toString());
      case "keys":
        return Reply.json(200, Repos.JSON.writeValueAsString(kv.keys(t.chain())));
      case "keyrange": {
        if (t.parts().size() < 6) {
          throw DvidError.badRequest("expect beginning and end keys to follow 'keyrange'"
              + " endpoint");
        }
        String from = t.parts().get(4);
        String to = t.parts().get(5);
        List<String> keys = kv.keys(t.chain()).stream()
            .filter(k -> k.compareTo(from) >= 0 && k.compareTo(to) <= 0).toList();
        return Reply.json(200, Repos.JSON.writeValueAsString(keys));
      }
      case "key":
        return key(t, kv);
      default:
        return t.badApi();
    }
  }

  private static Reply key(Target t, KeyValueStore kv) {
    if (t.parts().size() < 5) {
      throw DvidError.badRequest("expect key string to follow 'key' endpoint");
    }
    String key = t.parts().get(4);
    switch (t.method()) {
      case "HEAD":
        return kv.get(t.chain(), key).isPresent()
            ? new Reply(200, null, new byte[0], Map.of("Accept-Ranges", "bytes"))
            : Reply.empty(404);
      case "GET": {
        Optional<byte[]> v = kv.get(t.chain(), key);
        if (v.isEmpty()) {
          throw DvidError.plain(404, "Key \"" + key + "\" not found");
        }
        return new Reply(200, "application/octet-stream", v.get(),
            Map.of("Accept-Ranges", "bytes"));
      }
      case "POST":
        kv.put(t.node(), key, t.call().body());
        return Reply.empty(200);
      case "DELETE":
        kv.delete(t.node(), t.hasAncestors(), key);
        return Reply.empty(200);
      default:
        throw DvidError.badRequest("key endpoint does not support \""
            + t.method().toLowerCase(java.util.Locale.ROOT) + "\" HTTP verb");
    }
  }
}
