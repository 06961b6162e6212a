# A service with lifecycle tasks: a prestart task writes the page, a sidecar logs the time, the main
# task serves the page on a dynamic port.
job "lifecycle-web" {
  type        = "service"
  datacenters = ["*"]

  group "web" {
    network {
      port "http" {}
    }

    task "write-page" {
      driver = "raw_exec"

      lifecycle {
        hook    = "prestart"
        sidecar = false
      }

      config {
        command = "/bin/sh"
        args    = ["-c", "mkdir -p ${NOMAD_ALLOC_DIR}/www && echo 'prepared by the prestart task' > ${NOMAD_ALLOC_DIR}/www/index.html"]
      }

      resources {
        cpu    = 20
        memory = 16
      }
    }

    task "clock" {
      driver = "raw_exec"

      lifecycle {
        hook    = "poststart"
        sidecar = true
      }

      config {
        command = "/bin/sh"
        args    = ["-c", "while true; do date -u; sleep 5; done"]
      }

      resources {
        cpu    = 20
        memory = 16
      }
    }

    task "server" {
      driver = "raw_exec"

      config {
        command = "python3"
        args    = ["-m", "http.server", "${NOMAD_PORT_http}", "--bind", "127.0.0.1", "--directory", "${NOMAD_ALLOC_DIR}/www"]
      }

      resources {
        cpu    = 100
        memory = 64
      }
    }
  }
}
