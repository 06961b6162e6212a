package io.caravan.hcl.functions;

import static io.caravan.hcl.Value.string;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.caravan.hcl.Type;
import io.caravan.hcl.Value;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CsvFunctionsTest {

  @Test
  void decodesRowsAfterTheHeaderIntoObjectsOfStrings() throws Exception {
    Value rows = CsvFunctions.csvdecode(string("name,port\r\nweb,80\n\n\"db, primary\",\"5\"\"432\"\n"));

    assertThat(rows.type()).isEqualTo(new Type.ListType(
        Type.ObjectType.of(Map.of("name", Type.STRING, "port", Type.STRING))));
    assertThat(rows.elements()).containsExactly(
        Value.object(Map.of("name", string("web"), "port", string("80"))),
        Value.object(Map.of("name", string("db, primary"), "port", string("5\"432"))));
  }

  @Test
  void headerOnlyGivesAnEmptyListOfTheHeaderType() throws Exception {
    Value rows = CsvFunctions.csvdecode(string("a,b\n"));

    assertThat(rows.elements()).isEmpty();
    assertThat(rows.type()).isEqualTo(new Type.ListType(
        Type.ObjectType.of(Map.of("a", Type.STRING, "b", Type.STRING))));
  }

  @Test
  void quotedFieldsMaySpanLines() throws Exception {
    Value rows = CsvFunctions.csvdecode(string("text\n\"two\nlines\"\n"));

    assertThat(rows.elements()).containsExactly(Value.object(Map.of("text", string("two\nlines"))));
  }

  @Test
  void reportsGoCsvErrorsWithTheirLine() {
    assertThatThrownBy(() -> CsvFunctions.csvdecode(string("")))
        .hasMessage("missing header line");
    assertThatThrownBy(() -> CsvFunctions.csvdecode(string("a,a\n1,2\n")))
        .hasMessage("duplicate column name \"a\"");
    assertThatThrownBy(() -> CsvFunctions.csvdecode(string("a,b\n1,2\n3\n")))
        .hasMessage("CSV parse error on line 3: wrong number of fields");
    assertThatThrownBy(() -> CsvFunctions.csvdecode(string("a\nx\"y\n")))
        .hasMessage("CSV parse error on line 2: bare \" in non-quoted-field");
    assertThatThrownBy(() -> CsvFunctions.csvdecode(string("a\n\"open\n")))
        .hasMessage("CSV parse error on line 2: extraneous or missing \" in quoted-field");
  }

  @Test
  void isInNomadsFunctionTable() {
    assertThat(NomadFunctions.withoutFileSystem(new java.util.SplittableRandom(1)).get("csvdecode"))
        .isNotNull();
  }

  @Test
  void objectAttributesAreSortedByNameLikeCty() throws Exception {
    Value rows = CsvFunctions.csvdecode(string("z,a\n1,2\n"));

    assertThat(List.copyOf(rows.elements().get(0).attributes().keySet())).containsExactly("a", "z");
  }
}
