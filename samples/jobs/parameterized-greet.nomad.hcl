# A parameterized batch job: each `job dispatch` runs it once with its own `name` and optional payload.
job "greet" {
  type        = "batch"
  datacenters = ["*"]

  parameterized {
    payload       = "optional"
    meta_required = ["name"]
    meta_optional = ["punctuation"]
  }

  group "greet" {
    task "greet" {
      driver = "raw_exec"

      dispatch_payload {
        file = "message.txt"
      }

      config {
        command = "/bin/sh"
        args    = ["-c", "echo \"hello, ${NOMAD_META_name}${NOMAD_META_punctuation}\"; cat local/message.txt 2>/dev/null || true"]
      }

      meta {
        punctuation = "!"
      }

      resources {
        cpu    = 50
        memory = 32
      }
    }
  }
}
