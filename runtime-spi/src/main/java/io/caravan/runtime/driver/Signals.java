package io.caravan.runtime.driver;

import com.google.common.collect.ImmutableMap;
import java.util.Locale;

/** Maps POSIX signal names ({@code SIGTERM}, {@code TERM}, {@code 15}) to Linux signal numbers. */
public final class Signals {

  private static final ImmutableMap<String, Integer> NUMBERS = ImmutableMap.<String, Integer>builder()
      .put("SIGHUP", 1).put("SIGINT", 2).put("SIGQUIT", 3).put("SIGILL", 4).put("SIGTRAP", 5).put("SIGABRT", 6)
      .put("SIGBUS", 7).put("SIGFPE", 8).put("SIGKILL", 9).put("SIGUSR1", 10).put("SIGSEGV", 11)
      .put("SIGUSR2", 12).put("SIGPIPE", 13).put("SIGALRM", 14).put("SIGTERM", 15).put("SIGCHLD", 17)
      .put("SIGCONT", 18).put("SIGSTOP", 19).put("SIGTSTP", 20).put("SIGTTIN", 21).put("SIGTTOU", 22)
      .put("SIGURG", 23).put("SIGXCPU", 24).put("SIGXFSZ", 25).put("SIGVTALRM", 26).put("SIGPROF", 27)
      .put("SIGWINCH", 28).put("SIGIO", 29).put("SIGPWR", 30).put("SIGSYS", 31)
      .build();

  /** The default stop signal. */
  public static final String SIGTERM = "SIGTERM";

  /** The forceful kill signal. */
  public static final String SIGKILL = "SIGKILL";

  private Signals() {}

  /**
   * The Linux number of a signal given as {@code SIGTERM}, {@code TERM}, {@code sigterm} or {@code 15}.
   *
   * @throws IllegalArgumentException for an unknown signal
   */
  public static int number(String signal) {
    if (signal == null || signal.isBlank()) {
      throw new IllegalArgumentException("empty signal name");
    }
    String s = signal.trim().toUpperCase(Locale.ROOT);
    if (s.chars().allMatch(Character::isDigit)) {
      int n = Integer.parseInt(s);
      if (n < 1 || n > 64) {
        throw new IllegalArgumentException("signal number out of range: " + signal);
      }
      return n;
    }
    Integer n = NUMBERS.get(s.startsWith("SIG") ? s : "SIG" + s);
    if (n == null) {
      throw new IllegalArgumentException("unknown signal " + signal + "; known: " + NUMBERS.keySet());
    }
    return n;
  }

  /** The canonical name ({@code SIGTERM}) of a signal, or {@code SIG<n>} when it has none. */
  public static String name(int number) {
    return NUMBERS.entrySet().stream().filter(e -> e.getValue() == number).map(e -> e.getKey()).findFirst()
        .orElse("SIG" + number);
  }

  /** The signal name, or the default when null or blank. */
  public static String orDefault(String signal, String defaultSignal) {
    return signal == null || signal.isBlank() ? defaultSignal : signal;
  }
}
