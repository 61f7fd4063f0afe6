#!/bin/sh
# The CDK app as cdk.json starts it: the jar that `./mvnw package` builds, on a JDK >= 21.
set -eu
jar="$(dirname "$0")/target/brownout-infra.jar"
if [ ! -f "$jar" ]; then
  echo "The CDK app is not built yet: run ./mvnw -q package -DskipTests first, then cdk again." >&2
  exit 1
fi
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
major=$("$java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = //p')
major=${major%%.*}
if [ "${major:-0}" -lt 21 ]; then
  echo "The CDK app needs Java 21 or newer, but $java is Java ${major:-?}: set JAVA_HOME to a JDK 21+ (./brownout synth finds one)." >&2
  exit 1
fi
export JSII_SILENCE_WARNING_DEPRECATED_NODE_VERSION=1
exec "$java" -jar "$jar"
