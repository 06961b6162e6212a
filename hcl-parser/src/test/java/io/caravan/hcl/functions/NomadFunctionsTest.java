package io.caravan.hcl.functions;

import static io.caravan.hcl.Value.number;
import static io.caravan.hcl.Value.string;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.caravan.hcl.Function;
import io.caravan.hcl.FunctionException;
import io.caravan.hcl.FunctionTable;
import io.caravan.hcl.Type;
import io.caravan.hcl.Value;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NomadFunctionsTest {

  private static final FunctionTable TABLE = NomadFunctions.withoutFileSystem(new SplittableRandom(7));

  private static Value call(String name, Value... args) throws FunctionException {
    Function f = TABLE.get(name);
    assertThat(f).as("function %s", name).isNotNull();
    List<Value> list = List.of(args);
    f.returnType(list);
    return f.call(list);
  }

  @Test
  void hasNomadsNamesAndNoTerraformOnlyOnes() throws Exception {
    assertThat(TABLE.functions().keySet())
        .contains("upper", "strrev", "reverse", "coalesce", "cidrsubnets", "uuidv5", "timeadd", "file", "fileset",
            "pathexpand", "regex_replace", "setproduct", "zipmap")
        .doesNotContain("regex", "toset", "tonumber", "tostring", "filemd5", "templatefile");
  }

  @Test
  void reverseIsStringReverse() throws Exception {
    assertThat(call("reverse", string("abc"))).isEqualTo(string("cba"));
    assertThat(TABLE.get("reverse").params().get(0).type()).isEqualTo(Type.STRING);
    assertThat(TABLE.get("reverse").params().get(0).name()).isEqualTo("str");
  }

  @Test
  void lengthRejectsStringsAndObjects() throws Exception {
    assertThatThrownBy(() -> call("length", string("héllo")))
        .isInstanceOf(FunctionException.class)
        .hasMessage("collection must be a list, a map or a tuple");
    assertThatThrownBy(() -> call("length", Value.object(Map.of("a", number(1)))))
        .hasMessage("collection must be a list, a map or a tuple");
    assertThat(call("length", Value.tuple(List.of(number(1), number(2), number(3))))).isEqualTo(number(3));
  }

  @Test
  void coalesceSkipsOnlyNulls() throws Exception {
    assertThat(call("coalesce", string(""), string("x"), string("y"))).isEqualTo(string(""));
    assertThat(call("coalesce", Value.nullOf(Type.STRING), string("x"))).isEqualTo(string("x"));
  }

  @Test
  void indexIsTheIndexOperator() {
    assertThatThrownBy(() -> call("index", Value.tuple(List.of(string("a"), string("b"))), string("b")))
        .hasMessage("key for tuple must be number");
  }

  @Test
  void elementWrapsAndRejectsEmptyLists() throws Exception {
    Value abc = Value.tuple(List.of(string("a"), string("b"), string("c")));
    assertThat(call("element", abc, number(4))).isEqualTo(string("b"));
    assertThatThrownBy(() -> call("element", Value.EMPTY_TUPLE, number(0)))
        .hasMessage("cannot use element function with an empty list");
  }

  @Test
  void collectionResultsHaveCtysShapes() throws Exception {
    assertThat(call("keys", Value.object(Map.of("z", number(1), "a", number(2)))))
        .isEqualTo(Value.tuple(List.of(string("a"), string("z"))));
    assertThat(call("values", Value.object(Map.of("z", number(1), "a", number(2)))))
        .isEqualTo(Value.tuple(List.of(number(2), number(1))));
    assertThat(call("merge", Value.object(Map.of("a", number(1), "b", number(2))),
        Value.object(Map.of("b", number(3), "c", number(4)))))
        .isEqualTo(Value.object(Map.of("a", number(1), "b", number(3), "c", number(4))));
    assertThat(call("range", number(1), number(10), number(3)))
        .isEqualTo(Value.list(Type.NUMBER, List.of(number(1), number(4), number(7))));
    assertThat(call("setproduct", Value.tuple(List.of(string("a"), string("b"))), Value.tuple(List.of(number(1), number(2)))).length())
        .isEqualTo(4);
    assertThat(call("lookup", Value.object(Map.of("a", string("x"))), string("b"), string("default")))
        .isEqualTo(string("default"));
    assertThatThrownBy(() -> call("lookup", string("${local.environments}"), string("b")))
        .isInstanceOfSatisfying(FunctionException.class, e -> assertThat(e.argIndex()).isZero())
        .hasMessage("lookup() requires a map as the first argument");
  }

  @Test
  void fileSystemFunctionsAreDisabledByDefault() {
    for (String name : List.of("abspath", "basename", "dirname", "file", "filebase64", "fileexists", "fileset",
        "pathexpand")) {
      assertThatThrownBy(() -> call(name, string("x.txt"), string("*")))
          .as(name)
          .isInstanceOfSatisfying(FunctionException.class, e -> assertThat(e.argIndex()).isEqualTo(-1))
          .hasMessage("filesystem function disabled");
    }
  }

  @Test
  void fileSystemFunctionsReadRelativeToTheBaseDirectoryWhenEnabled(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("greeting.txt"), "hello\n");
    FunctionTable fs = NomadFunctions.withFileSystem(dir, Path.of("/home/tester"), new SplittableRandom(1));
    assertThat(fs.get("file").call(List.of(string("greeting.txt")))).isEqualTo(string("hello\n"));
    assertThat(fs.get("fileexists").call(List.of(string("greeting.txt")))).isEqualTo(Value.TRUE);
    assertThat(fs.get("fileexists").call(List.of(string("missing.txt")))).isEqualTo(Value.FALSE);
    assertThat(fs.get("filebase64").call(List.of(string("greeting.txt")))).isEqualTo(string("aGVsbG8K"));
    assertThat(fs.get("pathexpand").call(List.of(string("~/x")))).isEqualTo(string("/home/tester/x"));
    assertThat(fs.get("basename").call(List.of(string("a/b/c.txt")))).isEqualTo(string("c.txt"));
    assertThat(fs.get("dirname").call(List.of(string("a/b/c.txt")))).isEqualTo(string("a/b"));
    assertThatThrownBy(() -> fs.get("file").call(List.of(string("missing.txt"))))
        .hasMessageStartingWith("no file exists at missing.txt");
  }
}
