package io.caravan.model.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.caravan.model.testing.RecordGenerator;
import io.caravan.model.testing.Seeds;
import org.junit.jupiter.api.Test;

class ClusterBuildersTest {

  @Test
  void toBuilderThenBuildGivesAnEqualRecord() {
    Seeds.forAll(0xB01DL, 50, random -> {
      RecordGenerator gen = new RecordGenerator(random, 3);
      Node node = gen.next(Node.class);
      Allocation alloc = gen.next(Allocation.class);
      Evaluation eval = gen.next(Evaluation.class);
      Deployment deployment = gen.next(Deployment.class);

      assertThat(node.toBuilder().build()).isEqualTo(node);
      assertThat(alloc.toBuilder().build()).isEqualTo(alloc);
      assertThat(eval.toBuilder().build()).isEqualTo(eval);
      assertThat(deployment.toBuilder().build()).isEqualTo(deployment);
    });
  }

  @Test
  void builderChangesOnlyTheNamedComponents() {
    Allocation alloc = Allocation.builder().id("a1").nodeID("n1").clientStatus(AllocStatus.CLIENT_PENDING).build();

    Allocation running = alloc.toBuilder().clientStatus(AllocStatus.CLIENT_RUNNING).modifyIndex(7).build();

    assertThat(running.id()).isEqualTo("a1");
    assertThat(running.nodeID()).isEqualTo("n1");
    assertThat(running.clientStatus()).isEqualTo(AllocStatus.CLIENT_RUNNING);
    assertThat(running.modifyIndex()).isEqualTo(7);
    assertThat(alloc.clientStatus()).isEqualTo(AllocStatus.CLIENT_PENDING);
  }

  @Test
  void emptyBuilderGivesGoZeroValues() {
    Node node = Node.builder().build();

    assertThat(node.id()).isEmpty();
    assertThat(node.attributes()).isNull();
    assertThat(node.createIndex()).isZero();
  }
}
