# A system job: one allocation on every eligible Linux client, printing the node's name every 10 s.
job "node-heartbeat" {
  type        = "system"
  datacenters = ["*"]

  constraint {
    attribute = "${attr.kernel.name}"
    value     = "linux"
  }

  group "beat" {
    task "beat" {
      driver = "raw_exec"

      config {
        command = "/bin/sh"
        args    = ["-c", "while true; do echo \"alive on ${node.unique.name}\"; sleep 10; done"]
      }

      resources {
        cpu    = 20
        memory = 16
      }
    }
  }
}
