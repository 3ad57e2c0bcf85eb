#!/bin/sh
# Make the Dockerfile's base image (debian:bookworm-slim) from Debian's own packages, for a
# machine that can reach a Debian mirror but no image registry. Needs root and debootstrap.
#   sh deploy/make-base-image.sh [MIRROR]
set -eu
mirror="${1:-http://deb.debian.org/debian}"
root="$(mktemp -d)"
trap 'rm -rf "$root"' EXIT
debootstrap --variant=minbase bookworm "$root" "$mirror"
chroot "$root" apt-get clean
rm -rf "$root"/var/lib/apt/lists/* "$root"/usr/share/doc/* "$root"/usr/share/man/* \
    "$root"/usr/share/locale/*
tar -C "$root" -c . | docker import -c 'CMD ["bash"]' - debian:bookworm-slim
