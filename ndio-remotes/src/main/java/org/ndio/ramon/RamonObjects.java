package org.ndio.ramon;

import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.LongPredicate;
import org.ndio.RamonException;

/** Checks over a batch of RAMON objects, before any of them is stored. */
public final class RamonObjects {

  private RamonObjects() {}

  /**
   * Refuses the batch if an object links to an id that is neither in the batch nor, by
   * {@code existsElsewhere}, already stored; also refuses an id given twice. The message names
   * the object and the missing ids.
   */
  public static void checkLinks(Collection<? extends RamonObject> batch,
      LongPredicate existsElsewhere) {
    Set<Long> ids = new HashSet<>();
    for (RamonObject o : batch) {
      if (o.id() != 0 && !ids.add(o.id())) {
        throw new RamonException("RAMON id " + o.id() + " appears twice in one batch");
      }
    }
    for (RamonObject o : batch) {
      Set<Long> missing = new TreeSet<>();
      for (long l : o.links()) {
        if (!ids.contains(l) && !existsElsewhere.test(l)) {
          missing.add(l);
        }
      }
      if (!missing.isEmpty()) {
        throw new RamonException(o.type().serverName() + " " + o.id() + " links to "
            + (missing.size() == 1 ? "object " : "objects ") + missing
            + ", neither in this batch nor stored");
      }
    }
  }
}
