package io.caravan.benchmarks.fenzo;

import com.netflix.fenzo.VirtualMachineLease;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.apache.mesos.Protos;

/** A resource offer built in code: what is still free on one simulated node. */
final class BenchLease implements VirtualMachineLease {
  private final String id;
  private final String hostname;
  private final double cpu;
  private final double memory;
  private final Map<String, Protos.Attribute> attributes;

  BenchLease(String id, String hostname, double cpu, double memory,
      Map<String, Protos.Attribute> attributes) {
    this.id = id;
    this.hostname = hostname;
    this.cpu = cpu;
    this.memory = memory;
    this.attributes = attributes;
  }

  /** The Mesos-style text attribute {@code name = value} (how Fenzo reads host labels). */
  static Protos.Attribute textAttribute(String name, String value) {
    return Protos.Attribute.newBuilder().setName(name).setType(Protos.Value.Type.TEXT)
        .setText(Protos.Value.Text.newBuilder().setValue(value)).build();
  }

  @Override public String getId() { return id; }
  @Override public long getOfferedTime() { return 0; }
  @Override public String hostname() { return hostname; }
  @Override public String getVMID() { return hostname; }
  @Override public double cpuCores() { return cpu; }
  @Override public double memoryMB() { return memory; }
  @Override public double networkMbps() { return 0; }
  @Override public double diskMB() { return 0; }
  @Override public List<Range> portRanges() { return Collections.emptyList(); }
  @Override public Protos.Offer getOffer() { return null; }
  @Override public Map<String, Protos.Attribute> getAttributeMap() { return attributes; }
  @Override public Double getScalarValue(String name) { return null; }
  @Override public Map<String, Double> getScalarValues() { return Collections.emptyMap(); }
}
