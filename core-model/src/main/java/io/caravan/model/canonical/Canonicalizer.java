package io.caravan.model.canonical;

import io.caravan.model.job.Affinity;
import io.caravan.model.job.ChangeScript;
import io.caravan.model.job.CheckRestart;
import io.caravan.model.job.Consul;
import io.caravan.model.job.ConsulConnect;
import io.caravan.model.job.ConsulExposeConfig;
import io.caravan.model.job.ConsulGateway;
import io.caravan.model.job.ConsulGatewayProxy;
import io.caravan.model.job.ConsulIngressConfigEntry;
import io.caravan.model.job.ConsulIngressListener;
import io.caravan.model.job.ConsulProxy;
import io.caravan.model.job.ConsulSidecarService;
import io.caravan.model.job.ConsulTerminatingConfigEntry;
import io.caravan.model.job.ConsulTransparentProxy;
import io.caravan.model.job.ConsulUpstream;
import io.caravan.model.job.DisconnectStrategy;
import io.caravan.model.job.EphemeralDisk;
import io.caravan.model.job.Job;
import io.caravan.model.job.LogConfig;
import io.caravan.model.job.MigrateStrategy;
import io.caravan.model.job.Multiregion;
import io.caravan.model.job.MultiregionRegion;
import io.caravan.model.job.MultiregionStrategy;
import io.caravan.model.job.NUMAResource;
import io.caravan.model.job.PeriodicConfig;
import io.caravan.model.job.RequestedDevice;
import io.caravan.model.job.ReschedulePolicy;
import io.caravan.model.job.Resources;
import io.caravan.model.job.RestartPolicy;
import io.caravan.model.job.ScalingPolicy;
import io.caravan.model.job.Secret;
import io.caravan.model.job.Service;
import io.caravan.model.job.ServiceCheck;
import io.caravan.model.job.ServiceWeights;
import io.caravan.model.job.SidecarTask;
import io.caravan.model.job.Spread;
import io.caravan.model.job.Task;
import io.caravan.model.job.TaskArtifact;
import io.caravan.model.job.TaskCSIPluginConfig;
import io.caravan.model.job.TaskGroup;
import io.caravan.model.job.Template;
import io.caravan.model.job.UpdateStrategy;
import io.caravan.model.job.Vault;
import io.caravan.model.job.VolumeMount;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * Fills in Nomad's defaults exactly as the Nomad API's {@code Job.Canonicalize()} does (Nomad
 * 1.11): region, namespace, priority, type, per-type restart/reschedule/update/migrate policies,
 * resources, log config, templates, services, Connect and so on. Inputs are never modified; the
 * result is a new immutable job, and canonicalizing a canonical job changes nothing.
 *
 * <p>Like the API (and unlike Nomad's server), {@link #canonicalize} does not default
 * {@code Datacenters} or {@code NodePool}; {@link #withServerDefaults} adds the defaults the server
 * applies when it registers a job.
 */
public final class Canonicalizer {
  /** Datacenters the Nomad server assigns to a job that names none. */
  public static final List<String> SERVER_DEFAULT_DATACENTERS = List.of("*");

  /** Node pool the Nomad server assigns to a job that names none. */
  public static final String SERVER_DEFAULT_NODE_POOL = "default";

  private static final Duration FIVE_SECONDS = Duration.ofSeconds(5);

  private Canonicalizer() {}

  /** Returns {@code job} with every default Nomad's API would fill in. */
  public static Job canonicalize(Job job) {
    String id = or(job.id(), "");
    String type = or(job.type(), JobDefaults.JOB_TYPE);
    Job.Builder b =
        job.toBuilder()
            .id(id)
            .name(or(job.name(), id))
            .parentID(or(job.parentID(), ""))
            .namespace(or(job.namespace(), JobDefaults.NAMESPACE))
            .priority(or(job.priority(), JobDefaults.PRIORITY))
            .stop(or(job.stop(), false))
            .region(or(job.region(), JobDefaults.REGION))
            .nodePool(or(job.nodePool(), ""))
            .type(type)
            .allAtOnce(or(job.allAtOnce(), false))
            .consulNamespace(or(job.consulNamespace(), ""))
            .vaultNamespace(or(job.vaultNamespace(), ""))
            .nomadTokenID(or(job.nomadTokenID(), ""))
            .status(or(job.status(), ""))
            .statusDescription(or(job.statusDescription(), ""))
            .stable(or(job.stable(), false))
            .version(or(job.version(), 0L))
            .createIndex(or(job.createIndex(), 0L))
            .modifyIndex(or(job.modifyIndex(), 0L))
            .jobModifyIndex(or(job.jobModifyIndex(), 0L));
    if (job.periodic() != null) {
      b.periodic(periodic(job.periodic()));
    }
    if (job.update() != null) {
      b.update(update(job.update()));
    } else if (type.equals("service") || type.equals("system")) {
      b.update(JobDefaults.updateStrategy());
    }
    if (job.multiregion() != null) {
      b.multiregion(multiregion(job.multiregion()));
    }
    // Groups see the job with its own defaults already filled in, as in Go.
    Job partial = b.build();
    b.taskGroups(map(job.taskGroups(), g -> group(g, partial)));
    b.spreads(map(job.spreads(), Canonicalizer::spread));
    b.affinities(map(job.affinities(), Canonicalizer::affinity));
    return b.build();
  }

  /**
   * Canonicalizes {@code job} and then applies the defaults Nomad's server adds on registration:
   * datacenters {@code ["*"]} when none are named and node pool {@code default} when none is set.
   * This is the form in which the scheduler sees a job.
   */
  public static Job withServerDefaults(Job job) {
    Job c = canonicalize(job);
    Job.Builder b = c.toBuilder();
    if (c.datacentersOrEmpty().isEmpty()) {
      b.datacenters(SERVER_DEFAULT_DATACENTERS);
    }
    if (c.nodePool() == null || c.nodePool().isEmpty()) {
      b.nodePool(SERVER_DEFAULT_NODE_POOL);
    }
    return b.build();
  }

  // ---- job-level blocks ----

  private static PeriodicConfig periodic(PeriodicConfig p) {
    return new PeriodicConfig(
        or(p.enabled(), true),
        or(p.spec(), ""),
        p.specs() == null ? List.of() : p.specs(),
        or(p.specType(), "cron"),
        or(p.prohibitOverlap(), false),
        p.timeZone() == null || p.timeZone().isEmpty() ? "UTC" : p.timeZone());
  }

  private static UpdateStrategy update(UpdateStrategy u) {
    UpdateStrategy d = JobDefaults.updateStrategy();
    return new UpdateStrategy(
        or(u.stagger(), d.stagger()),
        or(u.maxParallel(), d.maxParallel()),
        or(u.healthCheck(), d.healthCheck()),
        or(u.minHealthyTime(), d.minHealthyTime()),
        or(u.healthyDeadline(), d.healthyDeadline()),
        or(u.progressDeadline(), d.progressDeadline()),
        or(u.canary(), d.canary()),
        or(u.autoRevert(), d.autoRevert()),
        or(u.autoPromote(), d.autoPromote()));
  }

  /** Go's {@code UpdateStrategy.Merge}: fields set in {@code o} win. */
  private static UpdateStrategy merge(UpdateStrategy base, UpdateStrategy o) {
    return new UpdateStrategy(
        or(o.stagger(), base.stagger()),
        or(o.maxParallel(), base.maxParallel()),
        or(o.healthCheck(), base.healthCheck()),
        or(o.minHealthyTime(), base.minHealthyTime()),
        or(o.healthyDeadline(), base.healthyDeadline()),
        or(o.progressDeadline(), base.progressDeadline()),
        or(o.canary(), base.canary()),
        or(o.autoRevert(), base.autoRevert()),
        or(o.autoPromote(), base.autoPromote()));
  }

  /** Go's {@code UpdateStrategy.Empty}: no field has a non-zero value. */
  static boolean isEmpty(UpdateStrategy u) {
    return isZero(u.stagger())
        && (u.maxParallel() == null || u.maxParallel() == 0)
        && (u.healthCheck() == null || u.healthCheck().isEmpty())
        && isZero(u.minHealthyTime())
        && isZero(u.healthyDeadline())
        && isZero(u.progressDeadline())
        && !Boolean.TRUE.equals(u.autoRevert())
        && !Boolean.TRUE.equals(u.autoPromote())
        && (u.canary() == null || u.canary() == 0);
  }

  private static boolean isZero(@Nullable Duration d) {
    return d == null || d.isZero();
  }

  private static Multiregion multiregion(Multiregion m) {
    MultiregionStrategy s = m.strategy();
    MultiregionStrategy strategy =
        s == null
            ? new MultiregionStrategy(0, "")
            : new MultiregionStrategy(or(s.maxParallel(), 0), or(s.onFailure(), ""));
    List<MultiregionRegion> regions =
        m.regions() == null
            ? List.of()
            : map(
                m.regions(),
                r ->
                    new MultiregionRegion(
                        r.name(),
                        or(r.count(), 1),
                        r.datacenters() == null ? List.of() : r.datacenters(),
                        r.nodePool(),
                        r.meta() == null ? Map.of() : r.meta()));
    return new Multiregion(strategy, regions);
  }

  private static Spread spread(Spread s) {
    return new Spread(s.attribute(), or(s.weight(), JobDefaults.AFFINITY_AND_SPREAD_WEIGHT), s.spreadTarget());
  }

  private static Affinity affinity(Affinity a) {
    return new Affinity(a.lTarget(), a.rTarget(), a.operand(), or(a.weight(), JobDefaults.AFFINITY_AND_SPREAD_WEIGHT));
  }

  // ---- groups ----

  private static TaskGroup group(TaskGroup g, Job job) {
    String type = job.type();
    TaskGroup.Builder b = g.toBuilder().name(or(g.name(), ""));
    int count;
    if (g.count() != null) {
      count = g.count();
    } else if (g.scaling() != null && g.scaling().min() != null) {
      count = (int) (long) g.scaling().min();
    } else {
      count = 1;
    }
    b.count(count);
    if (g.scaling() != null) {
      b.scaling(scaling(g.scaling(), count));
    }
    b.ephemeralDisk(g.ephemeralDisk() == null ? JobDefaults.ephemeralDisk() : ephemeralDisk(g.ephemeralDisk()));
    if (g.consul() != null) {
      b.consul(consul(g.consul(), job.consulNamespace()));
    }

    UpdateStrategy update = g.update();
    if (job.update() != null && update != null) {
      update = merge(job.update(), update);
    } else if (job.update() != null && !isEmpty(job.update())) {
      update = job.update();
    }
    b.update(update == null ? null : update(update));

    ReschedulePolicy reschedule = g.reschedulePolicy();
    if (job.reschedule() != null && reschedule != null) {
      reschedule = merge(job.reschedule(), reschedule);
    } else if (job.reschedule() != null) {
      reschedule = job.reschedule();
    }
    if (reschedule == null && !type.equals("sysbatch") && !type.equals("system")) {
      reschedule = JobDefaults.reschedulePolicy(type);
    }
    b.reschedulePolicy(reschedule == null ? null : merge(JobDefaults.reschedulePolicy(type), reschedule));

    MigrateStrategy migrate = g.migrate();
    if (job.migrate() != null && migrate != null) {
      migrate = merge(job.migrate(), migrate);
    } else if (job.migrate() != null) {
      migrate = job.migrate();
    }
    if (migrate == null && type.equals("service")) {
      migrate = new MigrateStrategy(null, null, null, null);
    }
    b.migrate(migrate == null ? null : merge(JobDefaults.migrateStrategy(), migrate));

    RestartPolicy restart = JobDefaults.restartPolicy(type);
    if (g.restartPolicy() != null) {
      restart = merge(restart, g.restartPolicy());
    }
    b.restartPolicy(restart);

    TaskGroup withPolicies = b.build();
    b.tasks(map(g.tasks(), t -> task(t, withPolicies, job)));
    b.spreads(map(g.spreads(), Canonicalizer::spread));
    b.affinities(map(g.affinities(), Canonicalizer::affinity));
    b.services(map(g.services(), s -> service(s, null, withPolicies, job)));
    if (g.disconnect() != null) {
      DisconnectStrategy d = g.disconnect();
      b.disconnect(
          new DisconnectStrategy(
              d.lostAfter(), d.stopOnClientAfter(), or(d.replace(), true), or(d.reconcile(), "best_score")));
    }
    return b.build();
  }

  private static ScalingPolicy scaling(ScalingPolicy p, int count) {
    return p.toBuilder()
        .enabled(or(p.enabled(), true))
        .min(or(p.min(), (long) count))
        .type(p.type().isEmpty() ? "horizontal" : p.type())
        .build();
  }

  private static EphemeralDisk ephemeralDisk(EphemeralDisk e) {
    return new EphemeralDisk(or(e.sticky(), false), or(e.migrate(), false), or(e.sizeMB(), 300));
  }

  private static Consul consul(Consul c, @Nullable String jobNamespace) {
    String namespace = c.namespace().isEmpty() && jobNamespace != null ? jobNamespace : c.namespace();
    return new Consul(namespace, c.cluster().isEmpty() ? "default" : c.cluster(), c.partition());
  }

  private static ReschedulePolicy merge(ReschedulePolicy base, ReschedulePolicy o) {
    return new ReschedulePolicy(
        or(o.attempts(), base.attempts()),
        or(o.interval(), base.interval()),
        or(o.delay(), base.delay()),
        or(o.delayFunction(), base.delayFunction()),
        or(o.maxDelay(), base.maxDelay()),
        or(o.unlimited(), base.unlimited()));
  }

  private static MigrateStrategy merge(MigrateStrategy base, MigrateStrategy o) {
    return new MigrateStrategy(
        or(o.maxParallel(), base.maxParallel()),
        or(o.healthCheck(), base.healthCheck()),
        or(o.minHealthyTime(), base.minHealthyTime()),
        or(o.healthyDeadline(), base.healthyDeadline()));
  }

  private static RestartPolicy merge(RestartPolicy base, RestartPolicy o) {
    return new RestartPolicy(
        or(o.interval(), base.interval()),
        or(o.attempts(), base.attempts()),
        or(o.delay(), base.delay()),
        or(o.mode(), base.mode()),
        or(o.renderTemplates(), base.renderTemplates()));
  }

  // ---- tasks ----

  private static Task task(Task t, TaskGroup g, Job job) {
    Task.Builder b =
        t.toBuilder()
            .resources(resources(t.resources() == null ? Resources.builder().build() : t.resources()))
            .killTimeout(or(t.killTimeout(), JobDefaults.KILL_TIMEOUT))
            .logConfig(t.logConfig() == null ? JobDefaults.logConfig() : logConfig(t.logConfig()))
            .artifacts(map(t.artifacts(), Canonicalizer::artifact))
            .templates(map(t.templates(), Canonicalizer::template))
            .secrets(map(t.secrets(), s -> new Secret(s.name(), s.provider(), s.path(), emptyToNull(s.config()), emptyToNull(s.env()))))
            .affinities(map(t.affinities(), Canonicalizer::affinity))
            .volumeMounts(map(t.volumeMounts(), Canonicalizer::volumeMount));
    if (t.vault() != null) {
      b.vault(vault(t.vault()));
    }
    if (t.consul() != null) {
      Consul c = t.consul();
      b.consul(new Consul(c.namespace(), c.cluster().isEmpty() ? "default" : c.cluster(), c.partition()));
    }
    if (t.csiPluginConfig() != null) {
      b.csiPluginConfig(csiPlugin(t.csiPluginConfig()));
    }
    RestartPolicy groupRestart = g.restartPolicy();
    b.restartPolicy(t.restartPolicy() == null ? groupRestart : merge(groupRestart, t.restartPolicy()));
    Task withName = b.build();
    b.services(map(t.services(), s -> service(s, withName, g, job)));
    return b.build();
  }

  private static Resources resources(Resources r) {
    Resources.Builder b = r.toBuilder();
    Integer cpu = r.cpu();
    if (r.cores() == null) {
      b.cores(0);
      if (cpu == null) {
        cpu = JobDefaults.CPU_MHZ;
      }
    }
    b.cpu(cpu == null ? 0 : cpu);
    b.memoryMB(or(r.memoryMB(), JobDefaults.MEMORY_MB));
    b.devices(
        map(
            r.devices(),
            d ->
                new RequestedDevice(
                    d.name(), or(d.count(), 1L), d.constraints(), map(d.affinities(), Canonicalizer::affinity))));
    if (r.numa() != null && r.numa().affinity().isEmpty()) {
      b.numa(new NUMAResource("none", r.numa().devices()));
    }
    return b.build();
  }

  private static LogConfig logConfig(LogConfig l) {
    return new LogConfig(or(l.maxFiles(), 10), or(l.maxFileSizeMB(), 10), l.enabled(), or(l.disabled(), false));
  }

  private static TaskArtifact artifact(TaskArtifact a) {
    String mode = or(a.getterMode(), "any");
    String source = or(a.getterSource(), "");
    String dest = a.relativeDest();
    if (dest == null) {
      dest = mode.equals("file") ? GoPaths.join("local", GoPaths.base(source)) : "local/";
    }
    return new TaskArtifact(
        source,
        emptyToNull(a.getterOptions()),
        emptyToNull(a.getterHeaders()),
        mode,
        or(a.getterInsecure(), false),
        dest,
        a.chown());
  }

  private static Template template(Template t) {
    String changeMode = or(t.changeMode(), "restart");
    String signal =
        t.changeSignal() == null
            ? (changeMode.equals("signal") ? "SIGHUP" : "")
            : t.changeSignal().toUpperCase(Locale.ROOT);
    ChangeScript script = t.changeScript();
    if (script != null) {
      script =
          new ChangeScript(
              or(script.command(), ""),
              script.args() == null ? List.of() : script.args(),
              or(script.timeout(), FIVE_SECONDS),
              or(script.failOnError(), false));
    }
    return t.toBuilder()
        .sourcePath(or(t.sourcePath(), ""))
        .destPath(or(t.destPath(), ""))
        .embeddedTmpl(or(t.embeddedTmpl(), ""))
        .changeMode(changeMode)
        .changeSignal(signal)
        .changeScript(script)
        .once(or(t.once(), false))
        .splay(or(t.splay(), FIVE_SECONDS))
        .perms(or(t.perms(), "0644"))
        .leftDelim(or(t.leftDelim(), "{{"))
        .rightDelim(or(t.rightDelim(), "}}"))
        .envvars(or(t.envvars(), false))
        .errMissingKey(or(t.errMissingKey(), false))
        .vaultGrace(or(t.vaultGrace(), Duration.ZERO))
        .build();
  }

  private static Vault vault(Vault v) {
    return v.toBuilder()
        .env(or(v.env(), true))
        .disableFile(or(v.disableFile(), false))
        .namespace(or(v.namespace(), ""))
        .cluster(v.cluster().isEmpty() ? "default" : v.cluster())
        .changeMode(or(v.changeMode(), "restart"))
        .changeSignal(or(v.changeSignal(), "SIGHUP"))
        .allowTokenExpiration(or(v.allowTokenExpiration(), false))
        .build();
  }

  private static VolumeMount volumeMount(VolumeMount m) {
    return new VolumeMount(
        m.volume(), m.destination(), or(m.readOnly(), false), or(m.propagationMode(), "private"), or(m.seLinuxLabel(), ""));
  }

  private static TaskCSIPluginConfig csiPlugin(TaskCSIPluginConfig c) {
    return new TaskCSIPluginConfig(
        c.id(),
        c.type(),
        c.mountDir().isEmpty() ? "/csi" : c.mountDir(),
        c.stagePublishBaseDir().isEmpty() ? "/local/csi" : c.stagePublishBaseDir(),
        c.healthTimeout().isZero() ? Duration.ofSeconds(30) : c.healthTimeout());
  }

  // ---- services ----

  private static Service service(Service s, @Nullable Task task, TaskGroup g, Job job) {
    String name = s.name();
    if (name.isEmpty()) {
      name = task != null ? job.name() + "-" + g.name() + "-" + task.name() : job.name() + "-" + g.name();
    }
    String onUpdate = s.onUpdate().isEmpty() ? "require_healthy" : s.onUpdate();
    Service.Builder b =
        s.toBuilder()
            .name(name)
            .addressMode(s.addressMode().isEmpty() ? "auto" : s.addressMode())
            .onUpdate(onUpdate)
            .provider(s.provider().isEmpty() ? "consul" : s.provider())
            .cluster(s.cluster().isEmpty() ? "default" : s.cluster())
            .meta(emptyToNull(s.meta()))
            .canaryMeta(emptyToNull(s.canaryMeta()))
            .taggedAddresses(emptyToNull(s.taggedAddresses()));
    if (s.connect() != null) {
      b.connect(connect(s.connect()));
    }
    if (s.weights() != null) {
      ServiceWeights w = s.weights();
      b.weights(new ServiceWeights(w.passing() <= 0 ? 1 : w.passing(), w.warning() <= 0 ? 1 : w.warning()));
    }
    b.checks(map(s.checks(), c -> check(c, s.checkRestart(), onUpdate)));
    return b.build();
  }

  private static ServiceCheck check(ServiceCheck c, @Nullable CheckRestart serviceRestart, String serviceOnUpdate) {
    CheckRestart restart = mergeCheckRestart(serviceRestart, c.checkRestart());
    if (restart != null && restart.grace() == null) {
      restart = new CheckRestart(restart.limit(), Duration.ofSeconds(1), restart.ignoreWarnings());
    }
    return c.toBuilder()
        .checkRestart(restart)
        .successBeforePassing(Math.max(0, c.successBeforePassing()))
        .failuresBeforeCritical(Math.max(0, c.failuresBeforeCritical()))
        .failuresBeforeWarning(Math.max(0, c.failuresBeforeWarning()))
        .onUpdate(c.onUpdate().isEmpty() ? serviceOnUpdate : c.onUpdate())
        .build();
  }

  /** Go's {@code CheckRestart.Merge}: the check's own settings override the service's. */
  private static @Nullable CheckRestart mergeCheckRestart(@Nullable CheckRestart base, @Nullable CheckRestart o) {
    if (base == null) {
      return o;
    }
    if (o == null) {
      return base;
    }
    return new CheckRestart(
        o.limit() > 0 ? o.limit() : base.limit(),
        o.grace() != null ? o.grace() : base.grace(),
        o.ignoreWarnings() || base.ignoreWarnings());
  }

  private static ConsulConnect connect(ConsulConnect c) {
    return new ConsulConnect(
        c.isNative(),
        c.gateway() == null ? null : gateway(c.gateway()),
        c.sidecarService() == null ? null : sidecarService(c.sidecarService()),
        c.sidecarTask() == null ? null : sidecarTask(c.sidecarTask()));
  }

  private static ConsulSidecarService sidecarService(ConsulSidecarService s) {
    return new ConsulSidecarService(
        emptyToNull(s.tags()),
        s.port(),
        s.proxy() == null ? null : proxy(s.proxy()),
        s.disableDefaultTCPCheck(),
        emptyToNull(s.meta()));
  }

  private static ConsulProxy proxy(ConsulProxy p) {
    ConsulTransparentProxy tp = p.transparentProxy();
    if (tp != null) {
      tp =
          new ConsulTransparentProxy(
              tp.uid(),
              tp.outboundPort(),
              emptyToNull(tp.excludeInboundPorts()),
              emptyToNull(tp.excludeOutboundPorts()),
              emptyToNull(tp.excludeOutboundCIDRs()),
              emptyToNull(tp.excludeUIDs()),
              tp.noDNS());
    }
    List<ConsulUpstream> upstreams =
        map(emptyToNull(p.upstreams()), u -> u.toBuilder().config(emptyToNull(u.config())).build());
    return p.toBuilder()
        .expose(p.expose() == null ? null : expose(p.expose()))
        .upstreams(upstreams)
        .transparentProxy(tp)
        .config(emptyToNull(p.config()))
        .build();
  }

  private static ConsulExposeConfig expose(ConsulExposeConfig e) {
    return new ConsulExposeConfig(emptyToNull(e.paths()), emptyToNull(e.path()));
  }

  private static SidecarTask sidecarTask(SidecarTask t) {
    return t.toBuilder()
        .config(emptyToNull(t.config()))
        .env(emptyToNull(t.env()))
        .resources(resources(t.resources() == null ? Resources.builder().build() : t.resources()))
        .logConfig(t.logConfig() == null ? JobDefaults.logConfig() : logConfig(t.logConfig()))
        .meta(emptyToNull(t.meta()))
        .killTimeout(or(t.killTimeout(), JobDefaults.KILL_TIMEOUT))
        .shutdownDelay(or(t.shutdownDelay(), Duration.ZERO))
        .volumeMounts(map(t.volumeMounts(), Canonicalizer::volumeMount))
        .build();
  }

  private static ConsulGateway gateway(ConsulGateway g) {
    ConsulGatewayProxy proxy = g.proxy();
    if (proxy != null) {
      proxy =
          new ConsulGatewayProxy(
              or(proxy.connectTimeout(), FIVE_SECONDS),
              proxy.envoyGatewayBindTaggedAddresses(),
              emptyToNull(proxy.envoyGatewayBindAddresses()),
              proxy.envoyGatewayNoDefaultBind(),
              proxy.envoyDNSDiscoveryType(),
              emptyToNull(proxy.config()));
    }
    ConsulIngressConfigEntry ingress = g.ingress();
    if (ingress != null) {
      ingress =
          new ConsulIngressConfigEntry(
              ingress.tls(),
              map(
                  emptyToNull(ingress.listeners()),
                  l ->
                      new ConsulIngressListener(
                          l.port(), l.protocol().isEmpty() ? "tcp" : l.protocol(), emptyToNull(l.services()))));
    }
    ConsulTerminatingConfigEntry terminating = g.terminating();
    if (terminating != null) {
      terminating = new ConsulTerminatingConfigEntry(emptyToNull(terminating.services()));
    }
    return new ConsulGateway(proxy, ingress, terminating, g.mesh());
  }

  // ---- helpers ----

  private static <T> T or(@Nullable T value, T fallback) {
    return value != null ? value : fallback;
  }

  private static <T> @Nullable List<T> map(@Nullable List<T> list, UnaryOperator<T> f) {
    if (list == null) {
      return null;
    }
    List<T> out = new ArrayList<>(list.size());
    for (T item : list) {
      out.add(f.apply(item));
    }
    return out;
  }

  private static <T> @Nullable List<T> emptyToNull(@Nullable List<T> list) {
    return list == null || list.isEmpty() ? null : list;
  }

  private static <V> @Nullable Map<String, V> emptyToNull(@Nullable Map<String, V> map) {
    return map == null || map.isEmpty() ? null : map;
  }
}
