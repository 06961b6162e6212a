package io.caravan.runtime.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AllocDirTest {

  @TempDir Path root;

  @Test
  void createsNomadLayout() {
    AllocDir alloc = AllocDir.of(root, "a1").create();
    AllocDir.TaskDir task = alloc.task("web").create();
    assertThat(root.resolve("a1/alloc/data")).isDirectory();
    assertThat(root.resolve("a1/alloc/logs")).isDirectory();
    assertThat(root.resolve("a1/alloc/tmp")).isDirectory();
    assertThat(task.localDir()).isEqualTo(root.resolve("a1/web/local")).isDirectory();
    assertThat(task.secretsDir()).isDirectory();
    assertThat(task.tmpDir()).isDirectory();
    assertThat(task.sharedDir()).isEqualTo(alloc.sharedDir());
  }

  @Test
  void sharedDataAndTmpAreWritableByEveryUser() throws Exception {
    AllocDir alloc = AllocDir.of(root, "a1").create();
    for (String d : new String[] {"data", "tmp"}) {
      assertThat(java.nio.file.Files.getPosixFilePermissions(alloc.sharedDir().resolve(d)))
          .as(d).contains(java.nio.file.attribute.PosixFilePermission.OTHERS_WRITE);
    }
  }

  @Test
  void environmentUsesHostPathsOfTaskDir() {
    AllocDir.TaskDir task = AllocDir.of(root, "a1").task("web");
    var env = TaskEnvironmentTest.base().dirs(task).build().variables();
    assertThat(env).containsEntry("NOMAD_TASK_DIR", root.resolve("a1/web/local").toString());
  }

  @Test
  void rejectsNamesThatEscapeTheRoot() {
    assertThatThrownBy(() -> AllocDir.of(root, "../x"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("allocation id");
    assertThatThrownBy(() -> AllocDir.of(root, "a").task("a/b"))
        .hasMessageContaining("task name \"a/b\"");
    assertThatThrownBy(() -> AllocDir.of(root, "a").task("alloc"))
        .hasMessageContaining("task name");
  }

  @Test
  void destroyRemovesTheTree() throws Exception {
    AllocDir alloc = AllocDir.of(root, "a2").create();
    Files.writeString(alloc.task("t").create().localDir().resolve("f"), "x");
    alloc.destroy();
    assertThat(alloc.dir()).doesNotExist();
    alloc.destroy();
  }
}
