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
    && java -Djarmode=tools -jar /workspace/app.jar extract --layers --launcher --destination /workspace/extracted

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
USER app
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError"
ENTRYPOINT ["java", "org.springframework.boot.loader.launch.JarLauncher"]
