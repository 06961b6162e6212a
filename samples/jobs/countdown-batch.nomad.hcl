# A batch job run with raw_exec: counts down and exits 0, so `caravan run` finishes with the job.
locals {
  steps = 5
}

job "countdown" {
  type        = "batch"
  datacenters = ["*"]

  group "count" {
    restart {
      attempts = 0
      mode     = "fail"
    }

    task "countdown" {
      driver = "raw_exec"

      config {
        command = "/bin/sh"
        args    = ["-c", "for i in $(seq ${local.steps} -1 1); do echo $i; sleep 1; done; echo liftoff"]
      }

      resources {
        cpu    = 50
        memory = 32
      }
    }
  }
}
