# A Docker job: runs a busybox container that prints a line a second. It needs a Docker-API engine
# (dockerd, or podman's Docker-compatible service) found through DOCKER_HOST, and the image below.
# No registry is reachable on the project's machines, so the image is a local busybox:
# `sudo bash .ci/start-docker-engine.sh` installs podman, starts its API on /tmp/caravan-podman.sock and
# imports localhost/busybox:test; then run
#   DOCKER_HOST=unix:///tmp/caravan-podman.sock ./caravan run samples/jobs/docker-echo.nomad.hcl
# With a registry at hand, any busybox image works (for example docker.io/library/busybox:1.36).
job "docker-echo" {
  type        = "service"
  datacenters = ["*"]

  group "echo" {
    task "echo" {
      driver = "docker"

      config {
        image   = "localhost/busybox:test"
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
