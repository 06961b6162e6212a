package io.caravan.hcl.functions;

import io.caravan.hcl.Type;
import io.caravan.hcl.Value;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.TreeMap;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Parse;
import org.snakeyaml.engine.v2.common.ScalarStyle;
import org.snakeyaml.engine.v2.events.AliasEvent;
import org.snakeyaml.engine.v2.events.CollectionStartEvent;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.events.NodeEvent;
import org.snakeyaml.engine.v2.events.ScalarEvent;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.ScannerException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

/**
 * Builds a value from a YAML event stream the way go-cty-yaml's Unmarshal does: mappings become
 * objects (merge keys {@code <<} included), sequences tuples, anchors and aliases are shared values,
 * exactly one document. SnakeYAML Engine tokenizes and parses; the wording of syntax errors is
 * therefore SnakeYAML's, while every semantic error uses go-cty-yaml's text and position rules.
 */
final class YamlDecoder {
  private static final LoadSettings SETTINGS = LoadSettings.builder()
      .setCodePointLimit(Integer.MAX_VALUE)
      .setParseComments(false)
      .build();

  private final Iterator<Event> events;
  private final Map<String, Integer> anchorsPending = new HashMap<>();
  private final Map<String, Value> anchorValues = new HashMap<>();
  /** Nesting limit, so that a hostile document cannot exhaust the thread's stack. */
  static final int MAX_DEPTH = 1000;

  private int depth;
  private int decodeCount;
  private int aliasCount;

  private YamlDecoder(Iterator<Event> events) {
    this.events = events;
  }

  /** The single document in {@code src}; an empty stream (no document) is a dynamic null. */
  static Value decode(String src) throws YamlException {
    YamlDecoder d = new YamlDecoder(new Parse(SETTINGS).parseString(src.isEmpty() ? "\n" : src).iterator());
    try {
      return d.document();
    } catch (MarkedYamlEngineException e) {
      throw syntaxError(e);
    } catch (YamlEngineException e) {
      throw new YamlException(e.getMessage());
    }
  }

  private Value document() throws YamlException {
    Event e = next();
    if (e.getEventId() != Event.ID.StreamStart) throw at(e, "missing stream start token");
    e = next();
    if (e.getEventId() == Event.ID.StreamEnd) return Value.NULL_DYNAMIC; // nothing but comments or blanks
    if (e.getEventId() != Event.ID.DocumentStart) throw at(e, "missing start of document");
    Value v = node(next());
    e = next();
    if (e.getEventId() == Event.ID.DocumentStart) throw at(e, "only a single document is allowed");
    if (e.getEventId() != Event.ID.DocumentEnd) throw at(e, "unexpected extra content (" + e.getEventId() + ") after value");
    e = next();
    if (e.getEventId() != Event.ID.StreamEnd) throw at(e, "unexpected extra content after value");
    return v;
  }

  private Event next() throws YamlException {
    try {
      return events.next();
    } catch (NoSuchElementException e) {
      throw new YamlException("unexpected end of the YAML event stream");
    }
  }

  private Value node(Event e) throws YamlException {
    decodeCount++;
    if (++depth > MAX_DEPTH) throw at(e, "exceeded max depth of " + MAX_DEPTH);
    try {
      return nodeAtDepth(e);
    } finally {
      depth--;
    }
  }

  private Value nodeAtDepth(Event e) throws YamlException {
    return switch (e.getEventId()) {
      case Scalar -> scalar((ScalarEvent) e);
      case Alias -> alias((AliasEvent) e);
      case MappingStart -> mapping((CollectionStartEvent) e);
      case SequenceStart -> sequence((CollectionStartEvent) e);
      case DocumentStart -> throw at(e, "only a single document is allowed");
      case StreamEnd -> throw at(e, "expecting value but found end of stream");
      case MappingEnd -> throw at(e, "expecting value but found end of mapping");
      case SequenceEnd -> throw at(e, "expecting value but found end of sequence");
      default -> throw at(e, "unexpected parser event " + e.getEventId());
    };
  }

  private Value scalar(ScalarEvent e) throws YamlException {
    String anchor = anchor(e);
    if (anchor != null) beginAnchor(anchor);
    Value v;
    try {
      v = YamlScalars.resolve(e.getTag().orElse(""), e.getValue(), style(e.getScalarStyle()));
    } catch (YamlException ex) {
      throw at(e, ex.getMessage());
    }
    if (anchor != null) completeAnchor(anchor, v);
    return v;
  }

  private Value mapping(CollectionStartEvent start) throws YamlException {
    String tag = start.getTag().orElse("");
    if (!tag.isEmpty() && !tag.equals(YamlScalars.MAP)) throw at(start, "can't interpret mapping as " + tag);
    String anchor = anchor(start);
    if (anchor != null) beginAnchor(anchor);
    Map<String, Value> attrs = new TreeMap<>();
    while (true) {
      Event k = next();
      if (k.getEventId() == Event.ID.MappingEnd) {
        Value v = Value.object(attrs);
        if (anchor != null) completeAnchor(anchor, v);
        return v;
      }
      if (isMergeKey(k)) {
        merge(k, node(next()), attrs);
        continue;
      }
      if (!(k instanceof ScalarEvent key)) throw at(k, "only strings are allowed as mapping keys");
      Value kv = YamlScalars.resolve(key.getTag().orElse(""), key.getValue(), style(key.getScalarStyle()));
      String name = keyString(kv, k);
      attrs.put(name, node(next()));
    }
  }

  private static String keyString(Value key, Event at) throws YamlException {
    if (key.isNull()) throw at(at, "mapping key cannot be null");
    Type t = key.type();
    if (t.equals(Type.STRING)) return key.asString();
    if (t.equals(Type.NUMBER)) return JsonFunctions.plain(key.asNumber());
    if (t.equals(Type.BOOL)) return Boolean.toString(key.asBool());
    throw at(at, "only strings are allowed as mapping keys");
  }

  /** {@code <<: mapping} or {@code <<: [mappings]} copies their entries into {@code attrs}. */
  private static void merge(Event key, Value v, Map<String, Value> attrs) throws YamlException {
    Type t = v.type();
    if (!v.isNull() && (t instanceof Type.ObjectType || t instanceof Type.MapType)) {
      attrs.putAll(v.attributes());
      return;
    }
    if (!v.isNull() && (t instanceof Type.TupleType || t instanceof Type.ListType)) {
      for (Value m : v.elements()) {
        Type mt = m.type();
        if (m.isNull() || !(mt instanceof Type.ObjectType || mt instanceof Type.MapType)) {
          throw at(key, "cannot merge " + mt.friendlyName() + " (from sequence) into mapping");
        }
        attrs.putAll(m.attributes());
      }
      return;
    }
    throw at(key, "cannot merge " + t.friendlyName() + " into mapping");
  }

  private static boolean isMergeKey(Event e) {
    if (!(e instanceof ScalarEvent s)) return false;
    String tag = s.getTag().orElse("");
    if (tag.equals(YamlScalars.MERGE)) return true;
    return tag.isEmpty() && s.isPlain() && s.getValue().equals("<<");
  }

  private Value sequence(CollectionStartEvent start) throws YamlException {
    String tag = start.getTag().orElse("");
    if (!tag.isEmpty() && !tag.equals(YamlScalars.SEQ)) throw at(start, "can't interpret sequence as " + tag);
    String anchor = anchor(start);
    if (anchor != null) beginAnchor(anchor);
    List<Value> elems = new ArrayList<>();
    while (true) {
      Event e = next();
      if (e.getEventId() == Event.ID.SequenceEnd) {
        Value v = Value.tuple(elems);
        if (anchor != null) completeAnchor(anchor, v);
        return v;
      }
      elems.add(node(e));
    }
  }

  private Value alias(AliasEvent e) throws YamlException {
    aliasCount++;
    if (aliasCount > 100 && decodeCount > 1000 && (double) aliasCount / decodeCount > allowedAliasRatio(decodeCount)) {
      throw new YamlException("document contains excessive aliasing");
    }
    String name = e.getAlias().getValue();
    if (anchorsPending.containsKey(name)) {
      throw at(e, "cannot refer to anchor " + YamlScalars.goQuote(name) + " from inside its own definition");
    }
    Value v = anchorValues.get(name);
    if (v == null) throw at(e, "reference to undefined anchor " + YamlScalars.goQuote(name));
    return v;
  }

  /** go-yaml's limit on alias expansion: generous for small documents, 10% for very large ones. */
  private static double allowedAliasRatio(int decodeCount) {
    final int low = 400_000, high = 4_000_000;
    if (decodeCount <= low) return 0.99;
    if (decodeCount >= high) return 0.10;
    return 0.99 - 0.89 * ((double) (decodeCount - low) / (high - low));
  }

  private void beginAnchor(String name) {
    anchorsPending.merge(name, 1, Integer::sum);
  }

  private void completeAnchor(String name, Value v) {
    anchorsPending.computeIfPresent(name, (k, n) -> n <= 1 ? null : n - 1);
    anchorValues.put(name, v);
  }

  private static String anchor(NodeEvent e) {
    return e.getAnchor().map(a -> a.getValue()).orElse(null);
  }

  private static YamlScalars.Style style(ScalarStyle s) {
    if (s == ScalarStyle.SINGLE_QUOTED) return YamlScalars.Style.SINGLE_QUOTED;
    if (s == ScalarStyle.DOUBLE_QUOTED || s == ScalarStyle.JSON_SCALAR_STYLE) return YamlScalars.Style.DOUBLE_QUOTED;
    if (s == ScalarStyle.LITERAL || s == ScalarStyle.FOLDED) return YamlScalars.Style.BLOCK;
    return YamlScalars.Style.PLAIN;
  }

  /** go-cty-yaml positions event errors by the event's zero-based start line and column. */
  private static YamlException at(Event e, String message) {
    Mark m = e.getStartMark().orElse(null);
    return m == null ? new YamlException(message) : YamlException.at(m.getLine(), m.getColumn(), message);
  }

  /** A syntax error positioned as go-cty-yaml does: scanner errors by the next line, column 0. */
  private static YamlException syntaxError(MarkedYamlEngineException e) {
    String problem = e.getProblem() == null || e.getProblem().isEmpty() ? "invalid YAML syntax" : e.getProblem();
    Mark pm = e.getProblemMark().orElse(null);
    Mark cm = e.getContextMark().orElse(null);
    if (pm != null && pm.getLine() != 0) {
      return e instanceof ScannerException
          ? YamlException.at(pm.getLine() + 1, 0, problem)
          : YamlException.at(pm.getLine(), pm.getColumn(), problem);
    }
    if (cm != null && cm.getLine() != 0) return YamlException.at(cm.getLine(), cm.getColumn(), problem);
    return new YamlException(problem);
  }
}
