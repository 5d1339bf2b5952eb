# syntax=docker/dockerfile:1
# One image recipe for every runnable module: docker build --build-arg MODULE=onec-adapter .
ARG JAVA_VERSION=21

FROM eclipse-temurin:${JAVA_VERSION}-jdk AS build
ARG MODULE
WORKDIR /workspace
# the whole reactor (every module's pom is needed), less what .dockerignore keeps out: git data, local settings, build output
COPY . .
RUN --mount=type=cache,target=/root/.m2 \
    if [ -z "${MODULE}" ]; then echo "build with --build-arg MODULE=<module>"; exit 1; fi; \
    ./mvnw -B -q -pl "${MODULE}" -am -DskipTests -Dspotless.check.skip=true package \
    && jar=$(ls "${MODULE}"/target/*-exec.jar 2>/dev/null || ls "${MODULE}"/target/"${MODULE}"-*.jar | grep -v -e '-sources' -e '-tests' | head -n 1) \
    && cp "$jar" /workspace/app.jar \
    && java -Djarmode=tools -jar /workspace/app.jar extract --layers --destination /workspace/extracted \
        --application-filename app.jar

FROM eclipse-temurin:${JAVA_VERSION}-jre AS runtime
RUN apt-get update \
    && apt-get install -y --no-install-recommends curl \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --system --uid 10001 --home-dir /app --shell /usr/sbin/nologin app \
    && mkdir -p /app/data && chown app /app/data
WORKDIR /app
COPY --from=build /workspace/extracted/dependencies/ ./
COPY --from=build /workspace/extracted/spring-boot-loader/ ./
COPY --from=build /workspace/extracted/snapshot-dependencies/ ./
COPY --from=build /workspace/extracted/application/ ./
# The local runner's JVM options (JAVA_OPTS of scripts/stack.sh); the heap is half the container's memory:
# 256 MB with compose's default APP_MEMORY_LIMIT=512m, as the runner's -Xmx256m
ENV JAVA_TOOL_OPTIONS="-XX:+UseSerialGC -Xms32m -XX:MaxRAMPercentage=50 -XX:+ExitOnOutOfMemoryError"
# Class data sharing: a training run of the extracted app (/app/app.jar, its jars in /app/lib) that exits once the
# Spring context is refreshed, before listeners, the web server or a connection to the broker start, leaves the CDS
# archive /app/app.jsa; its database and temporary files go to a directory that is removed afterwards
RUN mkdir /tmp/training \
    && ONEC_DATA_DIR=/tmp/training SOINDI_DATA_DIR=/tmp/training DMS_DATA_DIR=/tmp/training \
        CRM_DATA_DIR=/tmp/training SERVER_PORT=0 \
        java -XX:ArchiveClassesAtExit=/app/app.jsa -Djava.io.tmpdir=/tmp/training -Dspring.context.exit=onRefresh \
        -jar /app/app.jar \
    && rm -rf /tmp/training /tmp/hsperfdata_root
USER app
# an archive the JVM cannot use (another JDK, changed jars) is ignored with a warning: the app still starts
ENTRYPOINT ["java", "-XX:SharedArchiveFile=/app/app.jsa", "-jar", "/app/app.jar"]
