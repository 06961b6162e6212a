# A long-running service run with raw_exec: a tiny HTTP server on a dynamic port, with an HTTP check.
variable "greeting" {
  type    = string
  default = "hello from caravan"
}

job "hello-service" {
  type        = "service"
  datacenters = ["*"]

  group "web" {
    count = 1

    network {
      port "http" {}
    }

    service {
      name     = "hello-web"
      port     = "http"
      provider = "nomad"

      check {
        type     = "http"
        path     = "/"
        interval = "10s"
        timeout  = "2s"
      }
    }

    task "server" {
      driver = "raw_exec"

      config {
        command = "python3"
        args    = ["-m", "http.server", "${NOMAD_PORT_http}", "--bind", "127.0.0.1"]
      }

      env {
        GREETING = var.greeting
        # print each request as it happens, so `caravan run` shows the lines as they come
        PYTHONUNBUFFERED = "1"
      }

      resources {
        cpu    = 100
        memory = 64
      }
    }
  }
}
