package io.caravan.runtime.driver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigSchemaTest {

  private final ConfigSchema schema = ConfigSchema.builder()
      .required("command", ConfigField.Type.STRING, "the program")
      .optional("args", ConfigField.Type.STRING_LIST, "arguments")
      .optional("timeout", ConfigField.Type.DURATION, "a timeout")
      .optional("labels", ConfigField.Type.STRING_MAP, "labels")
      .build();

  @Test
  void acceptsAValidBlock() {
    schema.validate(Map.of("command", "/bin/true", "args", List.of("a"), "timeout", "1m30s",
        "labels", Map.of("k", "v")));
  }

  @Test
  void rejectsMissingUnknownAndMistypedFieldsNamingThem() {
    assertThatThrownBy(() -> schema.validate(Map.of("args", List.of())))
        .isInstanceOfSatisfying(DriverConfigException.class, e -> assertThat(e.field()).isEqualTo("command"))
        .hasMessage("config.command is required (the program)");
    assertThatThrownBy(() -> schema.validate(Map.of("command", "x", "comand", "y")))
        .hasMessage("config.comand is not a known field; known fields: [command, args, timeout, labels]");
    assertThatThrownBy(() -> schema.validate(Map.of("command", "x", "args", List.of("a", 2))))
        .hasMessage("config.args must be a list of strings but was a list: [a, 2]");
    assertThatThrownBy(() -> schema.validate(Map.of("command", "x", "timeout", "soon")))
        .hasMessageStartingWith("config.timeout must be a duration");
  }

  @Test
  void parsesGoDurations() {
    assertThat(Durations.parse("1h2m3.5s")).hasMillis(3_723_500);
    assertThat(Durations.parse("250ms")).hasMillis(250);
    assertThat(Durations.of(1_000_000L)).hasMillis(1);
    assertThatThrownBy(() -> Durations.parse("5 s")).hasMessageContaining("invalid duration \"5 s\"");
  }

  @Test
  void mapsSignalNamesToNumbers() {
    assertThat(Signals.number("SIGTERM")).isEqualTo(15);
    assertThat(Signals.number("kill")).isEqualTo(9);
    assertThat(Signals.number("10")).isEqualTo(10);
    assertThat(Signals.name(2)).isEqualTo("SIGINT");
    assertThatThrownBy(() -> Signals.number("SIGFOO")).hasMessageStartingWith("unknown signal SIGFOO");
  }
}
