package io.caravan.model.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.caravan.model.json.NomadJson;
import org.junit.jupiter.api.Test;

class ComputedNodeClassTest {
  private static Node node(String json) {
    return NomadJson.strict().read(json, Node.class);
  }

  @Test
  void ignoresUniqueAttributesAndMeta() {
    Node a = node("{\"ID\":\"a\",\"Datacenter\":\"dc1\",\"Attributes\":{\"kernel.name\":\"linux\",\"unique.hostname\":\"a\"},\"Meta\":{\"unique.x\":\"1\"}}");
    Node b = node("{\"ID\":\"b\",\"Datacenter\":\"dc1\",\"Attributes\":{\"kernel.name\":\"linux\",\"unique.hostname\":\"b\"},\"Meta\":{\"unique.x\":\"2\"}}");
    assertThat(ComputedNodeClass.of(a)).isEqualTo(ComputedNodeClass.of(b)).startsWith("v1:");
  }

  @Test
  void differsOnDatacenterAttributesMetaClassAndPool() {
    String base = "{\"ID\":\"a\",\"Datacenter\":\"dc1\",\"NodeClass\":\"c\",\"NodePool\":\"p\",\"Attributes\":{\"k\":\"v\"},\"Meta\":{\"m\":\"1\"}}";
    String c = ComputedNodeClass.of(node(base));
    assertThat(ComputedNodeClass.of(node(base.replace("dc1", "dc2")))).isNotEqualTo(c);
    assertThat(ComputedNodeClass.of(node(base.replace("\"c\"", "\"d\"")))).isNotEqualTo(c);
    assertThat(ComputedNodeClass.of(node(base.replace("\"p\"", "\"q\"")))).isNotEqualTo(c);
    assertThat(ComputedNodeClass.of(node(base.replace("\"v\"", "\"w\"")))).isNotEqualTo(c);
    assertThat(ComputedNodeClass.of(node(base.replace("\"1\"", "\"2\"")))).isNotEqualTo(c);
  }

  @Test
  void withComputedClassFillsTheField() {
    Node a = node("{\"ID\":\"a\",\"Datacenter\":\"dc1\"}");
    assertThat(a.withComputedClass().computedClass()).isEqualTo(ComputedNodeClass.of(a));
  }
}
