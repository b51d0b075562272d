# One image recipe for both services; the compose file builds it twice, with SERVICE=command-side and
# SERVICE=query-side. It packages the jar that the Maven build made and tested, rather than building again inside
# Docker: build it first, from the repository root,
#   ./mvnw -B -DskipTests package -pl command-side,query-side -am
# and then, with the repository root as the build context (see .dockerignore there),
#   docker build -f docker/service.Dockerfile --build-arg SERVICE=command-side -t versionforge/token-command-side .
ARG JRE_IMAGE=eclipse-temurin:17-jre

FROM ${JRE_IMAGE} AS layers
ARG SERVICE
WORKDIR /build
COPY ${SERVICE}/target/${SERVICE}-*.jar app.jar
# Spring Boot's layers (dependencies, loader, snapshot dependencies, the application), each a folder holding a part
# of lib/ or the slim app.jar: a rebuild after a code change replaces only the last, small layer of the image, and
# `java -jar app.jar` still starts it.
RUN java -Djarmode=tools -jar app.jar extract --layers --destination extracted

FROM ${JRE_IMAGE}
ARG SERVICE
LABEL org.opencontainers.image.title="VersionForge Token Service, ${SERVICE}"

# Never root: a fixed uid/gid, so that mounted volumes can be given to it. /app/data is VF_DATA_DIR's default, used
# only by a command side left without SPRING_DATASOURCE_URL (its embedded PostgreSQL).
RUN groupadd --system --gid 10001 vf \
    && useradd --system --uid 10001 --gid vf --home-dir /app --shell /usr/sbin/nologin vf \
    && install -d -o vf -g vf /app /app/data
WORKDIR /app
COPY --from=layers /build/extracted/dependencies/ ./
COPY --from=layers /build/extracted/spring-boot-loader/ ./
COPY --from=layers /build/extracted/snapshot-dependencies/ ./
COPY --from=layers /build/extracted/application/ ./
COPY docker/healthcheck.sh /usr/local/bin/vf-healthcheck
USER vf:vf

# The JVM sizes itself from the container's memory limit, not the host's: three quarters of it for the heap, the
# rest for metaspace, threads and direct buffers; it exits on an OutOfMemoryError so that the container restarts
# rather than limps. Overridable at run time; it also applies to `docker-compose run command-side bootstrap …`.
ENV JDK_JAVA_OPTIONS="-XX:MaxRAMPercentage=75 -XX:InitialRAMPercentage=25 -XX:+ExitOnOutOfMemoryError"

# Both images listen on 8080 (each service reads only its own variable); the health check follows them.
ENV VF_SERVICE=${SERVICE} \
    VF_COMMAND_PORT=8080 \
    VF_QUERY_PORT=8080
EXPOSE 8080

# /actuator/health answers 200 while the service and its database are up. The check is a few lines of bash
# (docker/healthcheck.sh), so it does not depend on curl or wget being in the JRE image.
HEALTHCHECK --interval=10s --timeout=5s --start-period=90s --retries=3 CMD ["/usr/local/bin/vf-healthcheck"]

# Exec form: java is PID 1 and receives SIGTERM itself, so graceful shutdown runs (requests finish, coalesced uses are
# flushed). Arguments after the image name go to the application, e.g. `bootstrap --tenant=acme` on the command side.
ENTRYPOINT ["java", "-jar", "/app/app.jar"]
