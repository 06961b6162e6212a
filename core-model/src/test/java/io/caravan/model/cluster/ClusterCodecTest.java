package io.caravan.model.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.caravan.model.json.ModelJsonException;
import io.caravan.model.json.NomadJson;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ClusterCodecTest {
  private static final NomadJson JSON = NomadJson.strict();

  static final String NODE = """
      {"ID":"7c3e9b1a-0000-4000-8000-000000000001","Name":"client-1","Datacenter":"dc1",
       "NodeClass":"linux-medium-pci","NodePool":"default",
       "Attributes":{"kernel.name":"linux","unique.hostname":"h1","driver.exec":"1"},
       "Meta":{"rack":"r1"},
       "NodeResources":{"Cpu":{"CpuShares":14000,"TotalCpuCores":4,"ReservableCpuCores":[0,1,2,3]},
         "Memory":{"MemoryMB":8192},"Disk":{"DiskMB":102400},
         "Networks":[{"Mode":"host","Device":"eth0","CIDR":"192.168.0.100/32","IP":"192.168.0.100","MBits":1000}],
         "Devices":[{"Vendor":"nvidia","Type":"gpu","Name":"1080ti",
           "Instances":[{"ID":"gpu-0","Healthy":true}],
           "Attributes":{"memory":{"IntVal":11,"Unit":"GiB"}}}],
         "MinDynamicPort":20000,"MaxDynamicPort":32000},
       "ReservedResources":{"Cpu":{"CpuShares":100},"Memory":{"MemoryMB":256},"Disk":{"DiskMB":4096},
         "Networks":{"ReservedHostPorts":"22"}},
       "Drivers":{"exec":{"Detected":true,"Healthy":true,"Attributes":{"driver.exec":"true"}}},
       "HostVolumes":{"data":{"Name":"data","Path":"/srv/data","ReadOnly":false}},
       "HostNetworks":{"public":{"Name":"public","CIDR":"10.0.0.0/8","Interface":"eth1"}},
       "CSINodePlugins":{"ebs":{"PluginID":"ebs","Healthy":true,"NodeInfo":{"ID":"i-1","MaxVolumes":25}}},
       "Status":"ready","SchedulingEligibility":"eligible","DrainStrategy":null,
       "ComputedClass":"","CreateIndex":10,"ModifyIndex":12}
      """;

  static final String ALLOC = """
      {"ID":"a1","Namespace":"default","EvalID":"e1","Name":"example.web[0]","NodeID":"n1","NodeName":"client-1",
       "JobID":"example","Job":null,"TaskGroup":"web",
       "AllocatedResources":{"Tasks":{"web":{"Cpu":{"CpuShares":500},"Memory":{"MemoryMB":256,"MemoryMaxMB":0},
           "Networks":null,"Devices":[{"Vendor":"nvidia","Type":"gpu","Name":"1080ti","DeviceIDs":["gpu-0"]}]}},
         "Shared":{"DiskMB":150,"Ports":[{"Label":"http","Value":21345,"To":0,"HostIP":"192.168.0.100"}]}},
       "Metrics":{"NodesEvaluated":4,"NodesFiltered":1,"NodesInPool":10,"NodePool":"default",
         "ConstraintFiltered":{"${attr.kernel.name} = linux":1},"NodesExhausted":0,
         "ScoreMetaData":[{"NodeID":"n1","Scores":{"binpack":0.0839},"NormScore":0.0839}],
         "AllocationTime":125000,"CoalescedFailures":0},
       "DesiredStatus":"run","ClientStatus":"pending",
       "RescheduleTracker":{"Events":[{"RescheduleTime":1700000000000000000,"PrevAllocID":"a0","PrevNodeID":"n0","Delay":5000000000}]},
       "DeploymentStatus":{"Healthy":true,"Canary":false},
       "TaskStates":{"web":{"State":"running","Failed":false,"Restarts":0}},
       "AllocStates":[{"Field":"ClientStatus","Value":"unknown","Time":"2026-01-01T00:00:00Z"},
                      {"Field":"ClientStatus","Value":"running","Time":"2026-01-01T00:05:00Z"}],
       "PreemptedAllocations":["a9"],"CreateIndex":20,"ModifyIndex":21,"AllocModifyIndex":20,
       "CreateTime":1700000000000000000,"ModifyTime":1700000000000000001}
      """;

  static final String EVAL = """
      {"ID":"e1","Namespace":"default","Priority":50,"Type":"service","TriggeredBy":"job-register",
       "JobID":"example","Status":"blocked","StatusDescription":"created due to placement conflicts",
       "Wait":0,"WaitUntil":null,"PreviousEval":"e0",
       "FailedTGAllocs":{"web":{"NodesEvaluated":10,"NodesExhausted":10,"DimensionExhausted":{"memory":10}}},
       "ClassEligibility":{"v1:123":true},"EscapedComputedClass":false,
       "QueuedAllocations":{"web":1},"SnapshotIndex":30,"CreateIndex":31,"ModifyIndex":31,
       "CreateTime":1700000000000000000,"ModifyTime":1700000000000000000}
      """;

  @Test
  void readsNodeInApiShape() {
    Node node = JSON.read(NODE, Node.class);
    assertThat(node.ready()).isTrue();
    assertThat(node.nodeResources().cpu().cpuShares()).isEqualTo(14000);
    assertThat(node.nodeResources().devicesOrEmpty().get(0).id()).isEqualTo("nvidia/gpu/1080ti");
    assertThat(node.nodeResources().devicesOrEmpty().get(0).attributesOrEmpty().get("memory").intVal()).isEqualTo(11L);
    assertThat(node.reservedResources().networks().reservedHostPorts()).isEqualTo("22");
    assertThat(node.hostNetworks().get("public").networkInterface()).isEqualTo("eth1");
    assertThat(node.csiNodePluginsOrEmpty().get("ebs").nodeInfo().maxVolumes()).isEqualTo(25);
  }

  @Test
  void nodeAllocationAndEvaluationRoundTrip() {
    assertRoundTrip(NODE, Node.class);
    assertRoundTrip(ALLOC, Allocation.class);
    assertRoundTrip(EVAL, Evaluation.class);
  }

  @Test
  void readsAllocationDurationsAsNanos() {
    Allocation alloc = JSON.read(ALLOC, Allocation.class);
    assertThat(alloc.metrics().allocationTime()).isEqualTo(Duration.ofNanos(125000));
    assertThat(alloc.rescheduleTracker().events().get(0).delay()).isEqualTo(Duration.ofSeconds(5));
    assertThat(alloc.terminal()).isFalse();
    assertThat(alloc.allocatedResources().shared().ports().get(0).value()).isEqualTo(21345);
    assertThat(alloc.allocStatesOrEmpty()).containsExactly(
        AllocState.clientStatus("unknown", "2026-01-01T00:00:00Z"), AllocState.clientStatus("running", "2026-01-01T00:05:00Z"));
    assertThat(alloc.toBuilder().build()).as("the builder keeps AllocStates").isEqualTo(alloc);
  }

  @Test
  void rejectsUnknownNodeFieldWithPath() {
    String bad = NODE.replace("\"MemoryMB\":8192", "\"MemoryMB\":8192,\"Bogus\":1");
    assertThatThrownBy(() -> JSON.read(bad, Node.class))
        .isInstanceOf(ModelJsonException.class)
        .hasMessageContaining("NodeResources")
        .hasMessageContaining("Bogus");
  }

  private static <T> void assertRoundTrip(String json, Class<T> type) {
    T value = JSON.read(json, type);
    JsonNode written = JSON.toTree(value);
    T again = JSON.read(written, type);
    assertThat(again).isEqualTo(value);
    assertContained(JSON.parseTree(json), written, "$");
  }

  /** Every non-null value of the input appears unchanged in the output (which adds Go zero values). */
  private static void assertContained(JsonNode in, JsonNode out, String path) {
    if (in.isObject()) {
      assertThat(out.isObject()).as(path).isTrue();
      in.fields().forEachRemaining(e -> {
        if (!e.getValue().isNull()) {
          assertThat(out.has(e.getKey())).as(path + "." + e.getKey()).isTrue();
          assertContained(e.getValue(), out.get(e.getKey()), path + "." + e.getKey());
        }
      });
    } else if (in.isArray()) {
      assertThat(out.size()).as(path).isEqualTo(in.size());
      for (int i = 0; i < in.size(); i++) {
        assertContained(in.get(i), out.get(i), path + "[" + i + "]");
      }
    } else if (in.isNumber()) {
      assertThat(out.decimalValue()).as(path).isEqualByComparingTo(in.decimalValue());
    } else {
      assertThat(out).as(path).isEqualTo(in);
    }
  }
}
