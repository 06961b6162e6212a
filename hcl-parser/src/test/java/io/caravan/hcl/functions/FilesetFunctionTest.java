package io.caravan.hcl.functions;

import static io.caravan.hcl.Value.string;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.caravan.hcl.Function;
import io.caravan.hcl.FunctionException;
import io.caravan.hcl.FunctionTable;
import io.caravan.hcl.Type;
import io.caravan.hcl.Value;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FilesetFunctionTest {
  @TempDir
  Path base;

  private FunctionTable table;

  @BeforeEach
  void tree() throws IOException {
    for (String f : List.of("files/a.txt", "files/b.conf", "files/.hidden.txt", "files/sub/c.txt",
        "files/sub/e.conf", "files/sub/deeper/d.txt", "other/x.txt")) {
      Path p = base.resolve(f);
      Files.createDirectories(p.getParent());
      Files.writeString(p, f);
    }
    Files.createDirectories(base.resolve("files/empty-dir.txt")); // a directory whose name matches: not a file
    try {
      Files.createSymbolicLink(base.resolve("files/dirlink"), base.resolve("files/sub"));
      Files.createSymbolicLink(base.resolve("files/filelink.txt"), base.resolve("files/a.txt"));
    } catch (UnsupportedOperationException | IOException e) {
      // filesystems without symbolic links still run the other assertions
    }
    table = NomadFunctions.withFileSystem(base, base, new SplittableRandom(1));
  }

  private List<String> fileset(String path, String pattern) throws FunctionException {
    Function f = table.get("fileset");
    List<Value> args = List.of(string(path), string(pattern));
    assertThat(f.returnType(args)).isEqualTo(new Type.SetType(Type.STRING));
    Value v = f.call(args);
    assertThat(v.type()).isEqualTo(new Type.SetType(Type.STRING));
    List<String> out = new ArrayList<>();
    for (Value e : v.elements()) out.add(e.asString());
    return out;
  }

  private boolean links() {
    return Files.isSymbolicLink(base.resolve("files/dirlink"));
  }

  @Test
  void starMatchesNamesInOneDirectoryIncludingDotFiles() throws Exception {
    List<String> expected = new ArrayList<>(List.of(".hidden.txt", "a.txt"));
    if (links()) expected.add("filelink.txt"); // a link to a regular file counts, like os.Stat
    assertThat(fileset("files", "*.txt")).containsExactlyElementsOf(expected);
    assertThat(fileset("files", "?.txt")).containsExactly("a.txt");
    assertThat(fileset("files", "{a,b}.*")).containsExactly("a.txt", "b.conf");
    assertThat(fileset("files", "sub/[c-d].txt")).containsExactly("sub/c.txt");
    assertThat(fileset("files", "sub/[!c].*")).containsExactly("sub/e.conf");
  }

  @Test
  void doubleStarCrossesDirectoriesButNotDirectoryLinks() throws Exception {
    assertThat(fileset("files", "**/*.txt")).contains(".hidden.txt", "a.txt", "sub/c.txt", "sub/deeper/d.txt")
        .noneMatch(s -> s.startsWith("dirlink/"));
    assertThat(fileset("files", "sub/**")).containsExactly("sub/c.txt", "sub/deeper/d.txt", "sub/e.conf");
    assertThat(fileset("files", "**/deeper/*")).containsExactly("sub/deeper/d.txt");
  }

  @Test
  void pathsAreRelativeToTheBaseDirectoryAndResultsToThePathArgument() throws Exception {
    assertThat(fileset(".", "files/sub/*.txt")).containsExactly("files/sub/c.txt");
    assertThat(fileset(base.resolve("other").toString(), "*")).containsExactly("x.txt");
    assertThat(fileset("files/sub", "../../other/*.txt")).containsExactly("../../other/x.txt");
    assertThat(fileset("files", "nothing-*")).isEmpty();
    assertThat(fileset("missing-dir", "*")).isEmpty();
  }

  @Test
  void malformedPatternsFailLikeDoublestar() {
    assertThatThrownBy(() -> fileset("files", "[a-"))
        .isInstanceOf(FunctionException.class)
        .hasMessage("failed to glob pattern (" + base.toAbsolutePath().normalize() + "/files/[a-): syntax error in pattern");
    assertThatThrownBy(() -> fileset("files", "{a,b")).hasMessageEndingWith("syntax error in pattern");
  }

  @Test
  void disabledWithoutABaseDirectory() {
    Function f = NomadFunctions.withoutFileSystem(new SplittableRandom(1)).get("fileset");
    assertThatThrownBy(() -> f.call(List.of(string("."), string("*")))).hasMessage("filesystem functions disabled");
  }
}
