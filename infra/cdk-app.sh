#!/bin/sh
# The CDK app as cdk.json starts it: the jar that `./mvnw package` builds, on a JDK >= 21.
set -eu
jar="$(dirname "$0")/target/brownout-infra.jar"
if [ ! -f "$jar" ]; then
  echo "The CDK app is not built yet: run ./mvnw -q package -DskipTests first, then cdk again." >&2
  exit 1
fi
export JSII_SILENCE_WARNING_DEPRECATED_NODE_VERSION=1
exec "${JAVA_HOME:+$JAVA_HOME/bin/}java" -jar "$jar"
