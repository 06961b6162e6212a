package io.caravan.model.validation;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects problems while walking a job; each instance is positioned at one block (the job, a
 * group, a task, a service…) and prefixes field names with that block's path.
 */
final class Problems {
  private final List<ValidationProblem> sink;
  private final String prefix;

  private Problems(List<ValidationProblem> sink, String prefix) {
    this.sink = sink;
    this.prefix = prefix;
  }

  /** A collector positioned at the job itself. */
  static Problems forJob() {
    return new Problems(new ArrayList<>(), "");
  }

  /** A collector for a labelled block inside this one, e.g. {@code group "web"}. */
  Problems block(String kind, String label) {
    String segment = kind + " \"" + label + "\"";
    return new Problems(sink, prefix.isEmpty() ? segment : prefix + " > " + segment);
  }

  /** A collector for an unlabelled block inside this one, e.g. {@code network[0]}. */
  Problems block(String kind) {
    return new Problems(sink, prefix.isEmpty() ? kind : prefix + " > " + kind);
  }

  /** Records a problem with field {@code field} (dotted, may be empty for the block itself). */
  void add(String field, String message) {
    String path;
    if (field.isEmpty()) {
      path = prefix;
    } else {
      path = prefix.isEmpty() ? field : prefix + " > " + field;
    }
    sink.add(new ValidationProblem(path, message));
  }

  /** All problems recorded so far through any collector sharing this one's sink. */
  List<ValidationProblem> all() {
    return sink;
  }
}
