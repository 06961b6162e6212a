package io.caravan.drivers.java;

import static io.caravan.drivers.testing.TaskFixtures.read;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.caravan.runtime.driver.DriverConfigException;
import io.caravan.runtime.driver.DriverContext;
import io.caravan.runtime.driver.ExitResult;
import io.caravan.runtime.driver.TaskConfig;
import io.caravan.runtime.driver.TaskHandle;
import io.caravan.runtime.driver.TaskResources;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JavaDriverTest {

  @TempDir Path root;

  private JavaDriver driver() {
    JavaDriver d = new JavaDriver();
    d.init(DriverContext.of(Clock.systemUTC(), Map.of("state_dir", root.resolve("state").toString())));
    return d;
  }

  private Path compileHello() throws Exception {
    Path src = root.resolve("src/Hello.java");
    Files.createDirectories(src.getParent());
    Files.writeString(src, "public class Hello { public static void main(String[] a) {"
        + " System.out.println(System.getProperty(\"greeting\") + \" \" + String.join(\",\", a)"
        + " + \" maxMB=\" + (Runtime.getRuntime().maxMemory() >> 20));"
        + " System.exit(a.length); } }");
    Path classes = root.resolve("classes");
    Files.createDirectories(classes);
    var compiler = ToolProvider.getSystemJavaCompiler();
    Assumptions.assumeTrue(compiler != null, "no system Java compiler (running on a JRE); skipping");
    assertThat(compiler.run(null, null, null, "-d", classes.toString(), src.toString())).isZero();
    return classes;
  }

  @Test
  void runsAClassWithJvmOptionsArgsAndXmxFromTheMemoryLimit() throws Exception {
    Path classes = compileHello();
    JavaDriver driver = driver();
    TaskConfig cfg = TaskConfig.builder("a1", "hello")
        .taskDir(root)
        .stdoutPath(root.resolve("hello.out"))
        .stderrPath(root.resolve("hello.err"))
        .resources(TaskResources.memory(48))
        .config("class", "Hello")
        .config("class_path", classes.toString())
        .config("jvm_options", List.of("-Dgreeting=hi", "-XX:+UseSerialGC"))
        .config("args", List.of("x", "y"))
        .config("xmx_from_memory", true)
        .build();

    TaskHandle h = driver.start(cfg);
    ExitResult exit = driver.waitTask(h.taskId()).get(30, TimeUnit.SECONDS);

    assertThat(exit.exitCode()).as(read(root.resolve("hello.err"))).isEqualTo(2);
    String out = read(root.resolve("hello.out")).trim();
    assertThat(out).startsWith("hi x,y maxMB=");
    assertThat(Integer.parseInt(out.substring(out.indexOf('=') + 1))).isBetween(1, 48);
    driver.destroy(h.taskId(), false);
  }

  @Test
  void requiresExactlyOneOfJarPathAndClass() {
    JavaDriver driver = driver();

    assertThatThrownBy(() -> driver.validateConfig(Map.of()))
        .isInstanceOf(DriverConfigException.class).hasMessage("config.jar_path or config.class is required");
    assertThatThrownBy(() -> driver.validateConfig(Map.of("jar_path", "a.jar", "class", "A")))
        .isInstanceOf(DriverConfigException.class).hasMessage("config.class cannot be used together with jar_path");
  }

  @Test
  void fingerprintReportsTheJavaVersion() {
    assertThat(driver().fingerprint().attributes()).containsEntry("driver.java", "1")
        .containsEntry("driver.java.version", Runtime.version().toString());
  }
}
