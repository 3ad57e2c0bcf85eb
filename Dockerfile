# The bot's image: slim Debian, Debian's own Python 3.11, the bot in a venv, a non-root user,
# meant to run with a read-only root filesystem (compose.yaml does) and its data on a volume.
#
#   docker compose up -d                      # builds this and runs it (see README, Deploying)
#
# Offline or behind a TLS-intercepting proxy: build from a wheelhouse instead of PyPI:
#   pip download -d wheelhouse . setuptools wheel
#   (cd wheelhouse && python3 -m http.server 8765 &)
#   docker build --network host --build-arg PIP_NO_INDEX=1 \
#       --build-arg PIP_FIND_LINKS=http://127.0.0.1:8765/ -t peer-support-bot .
ARG BASE_IMAGE=debian:bookworm-slim

FROM ${BASE_IMAGE} AS build
ARG PIP_INDEX_URL
ARG PIP_FIND_LINKS
ARG PIP_NO_INDEX
ARG PIP_TRUSTED_HOST
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 python3-venv ca-certificates \
 && apt-get clean && rm -rf /var/lib/apt/lists/* /var/cache/apt/*
WORKDIR /src
COPY pyproject.toml README.md ./
COPY bot ./bot
COPY handlers ./handlers
RUN python3 -m venv /opt/bot \
 && /opt/bot/bin/pip install --no-cache-dir --disable-pip-version-check --no-compile . \
 && /opt/bot/bin/pip uninstall -y --disable-pip-version-check pip setuptools \
 && find /opt/bot -name '__pycache__' -prune -exec rm -rf {} + \
 && find /opt/bot -path '*/site-packages/*/tests' -prune -exec rm -rf {} + \
 && python3 -m compileall -q -j 0 /opt/bot/lib

FROM ${BASE_IMAGE}
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 ca-certificates \
 && apt-get clean && rm -rf /var/lib/apt/lists/* /var/cache/apt/* /usr/share/doc/* /usr/share/man/* \
 && useradd --system --user-group --uid 10001 --home-dir /nonexistent --no-create-home \
        --shell /usr/sbin/nologin bot \
 && mkdir -p /data /app \
 && chown bot:bot /data
COPY --from=build /opt/bot /opt/bot
COPY --chown=bot:bot content /app/content
WORKDIR /app
ENV PATH=/opt/bot/bin:$PATH \
    PYTHONUNBUFFERED=1 \
    PYTHONDONTWRITEBYTECODE=1 \
    DATABASE_PATH=/data/bot.sqlite3 \
    CONTENT_DIR=/app/content \
    HEALTH_LISTEN=127.0.0.1:9464
USER bot
# The database (and its content-history) and the admin-editable content live on volumes: the
# image itself stays read-only.
VOLUME ["/data", "/app/content"]
HEALTHCHECK --interval=5s --timeout=3s --start-period=30s --retries=3 \
    CMD ["python3", "-m", "bot", "healthcheck"]
STOPSIGNAL SIGTERM
ENTRYPOINT ["python3", "-m", "bot"]
CMD ["run"]
