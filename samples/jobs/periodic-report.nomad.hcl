# A periodic batch job: every minute (UTC) it prints the date and the free memory, never two at once.
job "periodic-report" {
  type        = "batch"
  datacenters = ["*"]

  periodic {
    crons            = ["* * * * *"]
    time_zone        = "UTC"
    prohibit_overlap = true
  }

  group "report" {
    task "report" {
      driver = "raw_exec"

      config {
        command = "/bin/sh"
        args    = ["-c", "date -u; grep MemFree /proc/meminfo"]
      }

      resources {
        cpu    = 50
        memory = 32
      }
    }
  }
}
