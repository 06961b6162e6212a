package io.caravan.cli;

import io.caravan.agent.Agent;
import io.caravan.agent.AgentConfig;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code caravan agent [-dev] [-config FILE.conf]}: runs an agent until SIGINT or SIGTERM, then stops
 * the client's tasks, the server and (for {@code -dev}) deletes its temporary state.
 */
@Command(name = "agent", mixinStandardHelpOptions = true,
    description = "Runs a Caravan agent (server, client or both) with Nomad's HTTP API on port 4646 by default.")
final class AgentCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "-dev", description = "Dev mode: loopback, one in-memory server and one client with every "
      + "reference driver, state in a temporary directory.")
  boolean dev;

  @Option(names = "-config", paramLabel = "FILE.conf", description = "Agent configuration (HOCON).")
  Path config;

  @Override
  public Integer call() throws Exception {
    if (!dev && config == null) {
      throw new CommandLine.ParameterException(spec.commandLine(), "either -dev or -config FILE.conf is required");
    }
    AgentConfig cfg = config != null ? AgentConfig.fromFile(config, dev) : AgentConfig.devAgent();
    PrintWriter out = spec.commandLine().getOut();
    Agent agent = Agent.start(cfg);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      out.println("==> Caught signal: stopping the agent");
      out.flush();
      try {
        agent.close();
      } finally {
        out.println("==> Agent stopped");
        out.flush();
        stopped.countDown();
      }
    }, "caravan-agent-shutdown"));
    out.println("==> Caravan agent started" + (cfg.dev() ? " in dev mode (state in " + agent.dataDir() + ")" : ""));
    agent.httpUrl().ifPresent(u -> out.println("    HTTP API: " + u));
    agent.server().ifPresent(s -> out.println("    Server: " + s.name()
        + (s.raftNode().isPresent() ? " (Raft " + cfg.bindAddr() + ":" + cfg.raftPort() + ")" : " (in memory)")));
    agent.client().ifPresent(c -> out.println("    Client: node " + c.node().id() + " (" + c.node().name() + "), drivers "
        + c.node().drivers().entrySet().stream().filter(e -> e.getValue().detected()).map(java.util.Map.Entry::getKey)
        .toList()));
    out.flush();
    stopped.await();
    return ExitCodes.OK;
  }
}
