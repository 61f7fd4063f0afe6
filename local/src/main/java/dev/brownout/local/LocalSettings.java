package dev.brownout.local;

import java.net.URI;
import java.nio.file.Path;

/**
 * Where the local cloud lives: the ports of its external contract (the AWS endpoint on 4566, as
 * LocalStack's; the API on 3000), its region, and its work directory in the project.
 *
 * @param workDir unpacked packages, builds for hot reload, moto's log, the state file
 */
public record LocalSettings(Path project, int edgePort, int apiPort, String region, Path workDir) {
  public static final int EDGE_PORT = 4566;
  public static final int API_PORT = 3000;
  public static final String REGION = "us-east-1";

  public static LocalSettings defaults(Path project) {
    return new LocalSettings(
        project, EDGE_PORT, API_PORT, REGION, project.resolve(".brownout").resolve("local"));
  }

  public URI edgeUrl() {
    return URI.create("http://localhost:" + edgePort);
  }

  public URI apiUrl() {
    return URI.create("http://localhost:" + apiPort);
  }

  public Path stateFile() {
    return workDir.resolve("state.json");
  }
}
