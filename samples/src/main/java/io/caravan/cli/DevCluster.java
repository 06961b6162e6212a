package io.caravan.cli;

import io.caravan.runtime.client.HostClient;
import io.caravan.runtime.client.NodeAssembler;
import io.caravan.state.config.ServerConfig;
import io.caravan.state.server.CaravanServer;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * The cluster {@code caravan run} starts in its own process: one in-memory server and one client
 * on this machine (advertising loopback, with every driver found on the class path), with the
 * client's state in a temporary directory that {@link #close} deletes.
 */
final class DevCluster implements AutoCloseable {
  private final Path dir;
  private final CaravanServer server;
  private final HostClient client;

  private DevCluster(Path dir, CaravanServer server, HostClient client) {
    this.dir = dir;
    this.server = server;
    this.client = client;
  }

  /** Starts the server, then the client, in a new temporary directory. */
  static DevCluster start() throws IOException {
    Path dir = Files.createTempDirectory("caravan-run-");
    CaravanServer server = CaravanServer.builder(ServerConfig.builder().build()).name("dev-server").start();
    try {
      HostClient client = HostClient.builder(dir.resolve("client"), server.clientTransport())
          .address(NodeAssembler.HostAddress.LOOPBACK).pullWait(java.time.Duration.ofSeconds(1)).start();
      return new DevCluster(dir, server, client);
    } catch (RuntimeException e) {
      server.close();
      deleteTree(dir);
      throw e;
    }
  }

  CaravanServer server() {
    return server;
  }

  HostClient client() {
    return client;
  }

  /** Stops the client's remaining tasks (waiting for them to exit), the server, and deletes the directory. */
  @Override
  public void close() throws IOException {
    try {
      client.shutdown();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      server.close();
      deleteTree(dir);
    }
  }

  private static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    Files.walkFileTree(root, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
        Files.deleteIfExists(file);
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult postVisitDirectory(Path d, IOException exc) throws IOException {
        Files.deleteIfExists(d);
        return FileVisitResult.CONTINUE;
      }
    });
  }
}
