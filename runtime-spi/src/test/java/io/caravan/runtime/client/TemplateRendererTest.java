package io.caravan.runtime.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.caravan.model.job.Template;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TemplateRendererTest {

  @TempDir Path taskDir;

  private final TemplateRenderer renderer =
      new TemplateRenderer(Map.of("NOMAD_PORT_http", "8080", "NOMAD_TASK_NAME", "web"));

  @Test
  void rendersPlainDataAndEnvCalls() {
    assertThat(renderer.render("port={{ env \"NOMAD_PORT_http\" }}\nname={{env \"NOMAD_TASK_NAME\"}}\n"
            + "missing=[{{ env \"NOPE\" }}]", "{{", "}}", "t"))
        .isEqualTo("port=8080\nname=web\nmissing=[]");
  }

  @Test
  void honoursCustomDelimitersAndTrimMarkers() {
    assertThat(renderer.render("a=<< env \"NOMAD_TASK_NAME\" >> {{ untouched }}", "<<", ">>", "t"))
        .isEqualTo("a=web {{ untouched }}");
    assertThat(renderer.render("x={{- env \"NOMAD_TASK_NAME\" -}}", "{{", "}}", "t"))
        .isEqualTo("x=web");
  }

  @Test
  void rejectsUnsupportedActionsNamingTheTemplate() {
    assertThatThrownBy(() -> renderer.render("{{ key \"x\" }}", "{{", "}}",
            "task \"web\" > template \"local/a\""))
        .isInstanceOf(TaskSetupException.class)
        .hasMessageContaining("task \"web\" > template \"local/a\"")
        .hasMessageContaining("key \"x\"");
    assertThatThrownBy(() -> renderer.render("{{ env \"x\"", "{{", "}}", "tmpl"))
        .hasMessageContaining("unclosed");
  }

  @Test
  void writesDestinationWithPermsInsideTaskDir() throws Exception {
    Template t = Template.builder()
        .embeddedTmpl("listen {{ env \"NOMAD_PORT_http\" }}")
        .destPath("local/app.conf")
        .perms("600")
        .build();
    Path out = renderer.renderTo(t, taskDir, "task \"web\" > template");
    assertThat(out).isEqualTo(taskDir.resolve("local/app.conf")).hasContent("listen 8080");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(out)))
        .isEqualTo("rw-------");
  }

  @Test
  void readsSourceFileRelativeToTaskDir() throws Exception {
    Files.createDirectories(taskDir.resolve("local"));
    Files.writeString(taskDir.resolve("local/in.tpl"), "n={{ env \"NOMAD_TASK_NAME\" }}");
    Template t = Template.builder().sourcePath("local/in.tpl").destPath("local/out").build();
    assertThat(renderer.renderTo(t, taskDir, "tmpl")).hasContent("n=web");
  }

  @Test
  void refusesDestinationsOutsideTheTaskDir() {
    Template t = Template.builder().embeddedTmpl("x").destPath("../../etc/passwd").build();
    assertThatThrownBy(() -> renderer.renderTo(t, taskDir, "tmpl"))
        .isInstanceOf(TaskSetupException.class)
        .hasMessageContaining("escapes the task directory");
  }
}
