package io.caravan.model.validation;

import io.caravan.model.job.Service;
import io.caravan.model.job.ServiceCheck;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Checks of group and task services and their health checks. */
final class ServiceRules {
  private ServiceRules() {}

  private static final Set<String> PROVIDERS = Set.of("consul", "nomad");
  private static final Set<String> ADDRESS_MODES = Set.of("auto", "alloc", "driver", "host");
  private static final Set<String> CHECK_TYPES = Set.of("http", "tcp", "grpc", "script");
  private static final Set<String> ON_UPDATE = Set.of("require_healthy", "ignore_warnings", "ignore");
  private static final Duration MIN_CHECK_INTERVAL = Duration.ofSeconds(1);
  private static final Duration MIN_CHECK_TIMEOUT = Duration.ofSeconds(1);

  /**
   * Validates {@code services}; {@code portLabels} are the labels the services may refer to and
   * {@code scope} names where they are defined, for messages.
   */
  static void services(List<Service> services, Set<String> portLabels, String scope, Problems where) {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < services.size(); i++) {
      Service s = services.get(i);
      Problems at = where.block("service", s.name().isEmpty() ? "#" + i : s.name());
      if (!s.name().isEmpty() && !seen.add(s.name() + "/" + s.portLabel())) {
        at.add("", "duplicate service with the same name and port");
      }
      if (!s.provider().isEmpty() && !PROVIDERS.contains(s.provider())) {
        at.add("provider", "must be consul or nomad (got \"" + s.provider() + "\")");
      }
      if (!s.addressMode().isEmpty() && !ADDRESS_MODES.contains(s.addressMode())) {
        at.add("address_mode", "must be one of auto, alloc, driver, host (got \"" + s.addressMode() + "\")");
      }
      if (!s.onUpdate().isEmpty() && !ON_UPDATE.contains(s.onUpdate())) {
        at.add("on_update", "must be one of require_healthy, ignore_warnings, ignore (got \"" + s.onUpdate() + "\")");
      }
      if (!s.addressMode().equals("driver")) {
        portLabel(s.portLabel(), portLabels, scope, at, "port");
      }
      List<ServiceCheck> checks = s.checksOrEmpty();
      for (int c = 0; c < checks.size(); c++) {
        check(checks.get(c), s, portLabels, scope, at.block("check[" + c + "]"));
      }
    }
  }

  private static void check(ServiceCheck c, Service s, Set<String> portLabels, String scope, Problems at) {
    String type = c.type();
    if (!CHECK_TYPES.contains(type)) {
      at.add("type", "unknown check type \"" + type + "\", must be one of http, tcp, grpc, script");
      return;
    }
    if (c.interval().compareTo(MIN_CHECK_INTERVAL) < 0) {
      at.add("interval", "must be at least 1s (got " + GoDuration.format(c.interval()) + ")");
    }
    if (c.timeout().compareTo(MIN_CHECK_TIMEOUT) < 0) {
      at.add("timeout", "must be at least 1s (got " + GoDuration.format(c.timeout()) + ")");
    }
    if (type.equals("http") && c.path().isEmpty()) {
      at.add("path", "http checks need a path");
    }
    if (type.equals("script") && c.command().isEmpty()) {
      at.add("command", "script checks need a command");
    }
    if (!c.portLabel().isEmpty() && !c.addressMode().equals("driver") && !s.addressMode().equals("driver")) {
      portLabel(c.portLabel(), portLabels, scope, at, "port");
    }
  }

  /** Reports {@code label} unless it is empty, numeric, interpolated or defined. */
  static void portLabel(String label, Set<String> defined, String scope, Problems at, String field) {
    if (label.isEmpty() || PlacementRules.isInterpolated(label) || label.chars().allMatch(Character::isDigit)) {
      return;
    }
    if (!defined.contains(label)) {
      at.add(field, "port label \"" + label + "\" is not defined in any network of " + scope);
    }
  }
}
