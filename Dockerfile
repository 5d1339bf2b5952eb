# One image recipe for every runnable module: docker build --build-arg MODULE=onec-adapter .
# The base images are build arguments, which docker-compose.yml sets from the variables JDK_IMAGE and JRE_IMAGE: the
# official Eclipse Temurin images by default, or stand-ins built from Debian's packages (scripts/local-images.sh).
ARG JDK_IMAGE=eclipse-temurin:21-jdk
ARG JRE_IMAGE=eclipse-temurin:21-jre

# The build stage does not depend on MODULE: one Maven build of every app's jar, which BuildKit runs once for all
# images of the stack and shares between them; each runtime stage copies its own app out of it.
FROM ${JDK_IMAGE} AS build
WORKDIR /workspace
# the whole reactor (every module's pom is needed), less what .dockerignore keeps out: git data, local settings, build output
COPY . .
RUN --mount=type=cache,target=/root/.m2,sharing=locked \
    apps="fake-creatio onec-adapter dms-adapter crm-adapter soindi-consumer hub-console odoo-producer" \
    && ./mvnw -B -q -pl "$(echo $apps | tr ' ' ',')" -am -DskipTests -Dspotless.check.skip=true package \
    && for module in $apps; do \
        jar=$(ls "${module}"/target/*-exec.jar 2>/dev/null \
            || ls "${module}"/target/"${module}"-*.jar | grep -v -e '-sources' -e '-tests' | head -n 1) \
        && java -Djarmode=tools -jar "$jar" extract --layers --destination "/workspace/extracted/${module}" \
            --application-filename app.jar \
        || exit 1; \
    done

FROM ${JRE_IMAGE} AS runtime
RUN apt-get update \
    && apt-get install -y --no-install-recommends curl \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --system --uid 10001 --home-dir /app --shell /usr/sbin/nologin app \
    && mkdir -p /app/data && chown app /app/data
WORKDIR /app
# declared after the steps all apps share, so that they are built once
ARG MODULE
RUN if [ -z "${MODULE}" ]; then echo "build with --build-arg MODULE=<module>"; exit 1; fi
COPY --from=build /workspace/extracted/${MODULE}/dependencies/ ./
COPY --from=build /workspace/extracted/${MODULE}/spring-boot-loader/ ./
COPY --from=build /workspace/extracted/${MODULE}/snapshot-dependencies/ ./
COPY --from=build /workspace/extracted/${MODULE}/application/ ./
# The local runner's JVM options (JAVA_OPTS of scripts/stack.sh); the heap is half the container's memory:
# 256 MB with compose's default APP_MEMORY_LIMIT=512m, as the runner's -Xmx256m
ENV JAVA_TOOL_OPTIONS="-XX:+UseSerialGC -Xms32m -XX:MaxRAMPercentage=50 -XX:+ExitOnOutOfMemoryError"
# Class data sharing: a training run of the extracted app (/app/app.jar, its jars in /app/lib) that exits once the
# Spring context is refreshed, before listeners, the web server or a connection to the broker start, leaves the CDS
# archive /app/app.jsa; its database and temporary files go to a directory that is removed afterwards. The JVM's
# archive dump has been seen to crash now and then (SIGSEGV in InstanceKlass::can_be_verified_at_dumptime, OpenJDK
# 21.0.13): a crashed run is tried once more, a second failure fails the build.
RUN for attempt in 1 2; do \
        rm -rf /tmp/training /app/app.jsa /app/hs_err_pid*.log && mkdir /tmp/training \
        && ONEC_DATA_DIR=/tmp/training SOINDI_DATA_DIR=/tmp/training DMS_DATA_DIR=/tmp/training \
            CRM_DATA_DIR=/tmp/training CONSOLE_DATA_DIR=/tmp/training SERVER_PORT=0 \
            java -XX:ArchiveClassesAtExit=/app/app.jsa -Djava.io.tmpdir=/tmp/training -Dspring.context.exit=onRefresh \
            -jar /app/app.jar \
        && break; \
        if [ "$attempt" = 2 ]; then exit 1; fi; \
        echo "the training run failed: trying once more"; \
    done \
    && rm -rf /tmp/training /tmp/hsperfdata_root /app/hs_err_pid*.log
USER app
# an archive the JVM cannot use (another JDK, changed jars) is ignored with a warning: the app still starts
ENTRYPOINT ["java", "-XX:SharedArchiveFile=/app/app.jsa", "-jar", "/app/app.jar"]
