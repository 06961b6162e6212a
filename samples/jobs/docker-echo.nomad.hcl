# A Docker job: runs a busybox container that prints a line a second (needs a Docker-API engine,
# e.g. podman's Docker-compatible service; see drivers-notes.md).
job "docker-echo" {
  type        = "service"
  datacenters = ["*"]

  group "echo" {
    task "echo" {
      driver = "docker"

      config {
        image   = "docker.io/library/busybox:1.36"
        command = "/bin/sh"
        args    = ["-c", "i=0; while true; do i=$((i+1)); echo \"tick $i\"; sleep 1; done"]
      }

      resources {
        cpu    = 100
        memory = 64
      }
    }
  }
}
