package org.ndio.benchmarks.run;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.ndio.serve.Call;
import org.ndio.serve.ProtocolHandler;
import org.ndio.serve.Reply;

/**
 * A protocol handler in front of a live one that can record the successful GET answers it
 * passes on and then answer the same GETs from memory, byte for byte. Replayed, a fetch costs
 * the server nothing but sending bytes it already holds: what is left of the fetch's time is
 * the transport and the client's own work. {@code GET /ndio-test/replay/I} answers the I-th
 * recorded body (same content type), so that plain GETs can move exactly the bytes the
 * service sent.
 */
final class ReplayHandler implements ProtocolHandler {

  static final String BODIES = "/ndio-test/replay/";

  private final ProtocolHandler live;
  private final Map<String, Reply> answers = new ConcurrentHashMap<>();
  private final List<Reply> bodies = new ArrayList<>();
  private volatile boolean recording;
  private volatile boolean replaying;

  ReplayHandler(ProtocolHandler live) {
    this.live = live;
  }

  /** From now on, successful GETs are kept (each distinct request once). */
  void record() {
    recording = true;
  }

  /** From now on, recorded GETs are answered from memory; others still reach the service. */
  synchronized void replay() {
    recording = false;
    replaying = true;
  }

  /** From now on, every request reaches the live service again (nothing more is recorded). */
  synchronized void live() {
    recording = false;
    replaying = false;
  }

  /** The recorded answers, in the order they were first given. */
  synchronized List<Reply> recorded() {
    return List.copyOf(bodies);
  }

  @Override
  public Reply handle(Call call) throws Exception {
    boolean get = call.method().equals("GET");
    if (get && call.path().startsWith(BODIES)) {
      int i = Integer.parseInt(call.path().substring(BODIES.length()));
      return recorded().get(i);
    }
    String key = call.path() + "?" + call.query();
    if (get && replaying) {
      Reply r = answers.get(key);
      if (r != null) {
        return r;
      }
    }
    Reply r = live.handle(call);
    if (get && recording && r.status() / 100 == 2) {
      synchronized (this) {
        if (answers.putIfAbsent(key, r) == null) {
          bodies.add(r);
        }
      }
    }
    return r;
  }
}
