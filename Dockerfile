# Liaison: a static, non-root image. Build: docker build -t liaison .
# Run:   docker run -v liaison-data:/data -v $PWD/config.yaml:/etc/liaison/config.yaml:ro \
#          -e SLACK_BOT_TOKEN -e SLACK_APP_TOKEN liaison
FROM golang:1.26 AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
ARG VERSION=dev
# The same command `go test ./cmd/liaison -run TestBuildScript` checks.
RUN ./scripts/build.sh /out/liaison "$VERSION" && mkdir -p /out/data /out/etc

# distroless static: CA certificates and tzdata, no shell, user nonroot (65532).
FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/liaison /liaison
COPY --from=build --chown=65532:65532 /out/data /data
USER 65532:65532
# State: answered events, sync tokens, Matrix crypto store and recovery key.
VOLUME ["/data"]
ENV LIAISON_DATA_DIR=/data
# 9090: /healthz /readyz /metrics (set http.listen: 0.0.0.0:9090); 3000: Slack HTTP mode.
EXPOSE 9090 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD ["/liaison", "healthcheck", "--url", "http://127.0.0.1:9090/healthz"]
ENTRYPOINT ["/liaison"]
# Mount a config at /etc/liaison/config.yaml (see config.example.yaml); the
# corpus is the built-in one unless `corpus:` names a mounted folder.
CMD ["serve", "--config", "/etc/liaison/config.yaml"]
