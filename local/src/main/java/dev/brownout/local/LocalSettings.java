package dev.brownout.local;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where the local cloud lives: the ports of its external contract (the AWS endpoint on 4566, as
 * LocalStack's; the API on 3000), its region, and its work directory in the project.
 *
 * @param workDir unpacked packages, builds for hot reload, moto's log, the state file
 * @param externalAws an AWS emulator the user already runs ({@code AWS_ENDPOINT_URL}): used instead
 *     of a moto of the local cloud's own
 * @param classDataSharing whether functions' runtimes use a class-data sharing archive per function
 *     jar ({@code BROWNOUT_LOCAL_CDS}, on unless {@code off})
 */
public record LocalSettings(
    Path project,
    int edgePort,
    int apiPort,
    String region,
    Path workDir,
    Optional<URI> externalAws,
    boolean classDataSharing) {
  public static final int EDGE_PORT = 4566;
  public static final int API_PORT = 3000;
  public static final String REGION = "us-east-1";

  public static LocalSettings defaults(Path project) {
    return new LocalSettings(
        project,
        EDGE_PORT,
        API_PORT,
        REGION,
        project.resolve(".brownout").resolve("local"),
        Optional.empty(),
        true);
  }

  /**
   * As {@link #defaults}, with the emulator {@code awsEndpointUrl} names ({@code
   * AWS_ENDPOINT_URL}), unless it is empty or this local cloud's own edge, and class-data sharing
   * as {@code cds} says ({@code BROWNOUT_LOCAL_CDS}: {@code on}, {@code off}, or unset for on).
   *
   * @throws IllegalArgumentException when the URL is not an http(s) URL or {@code cds} neither on
   *     nor off, quoting it
   */
  public static LocalSettings of(Path project, String awsEndpointUrl, String cds) {
    LocalSettings defaults = defaults(project).withClassDataSharing(classDataSharing(cds));
    if (awsEndpointUrl == null || awsEndpointUrl.isBlank()) {
      return defaults;
    }
    URI uri;
    try {
      uri = new URI(awsEndpointUrl.strip());
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(
          "AWS_ENDPOINT_URL must be a URL like http://localhost:5000, got \""
              + awsEndpointUrl
              + "\"");
    }
    if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
        || uri.getHost() == null) {
      throw new IllegalArgumentException(
          "AWS_ENDPOINT_URL must be a URL like http://localhost:5000, got \""
              + awsEndpointUrl
              + "\"");
    }
    boolean ownEdge =
        uri.getPort() == EDGE_PORT
            && (uri.getHost().equals("localhost") || uri.getHost().equals("127.0.0.1"));
    return ownEdge
        ? defaults
        : new LocalSettings(
            project,
            EDGE_PORT,
            API_PORT,
            REGION,
            defaults.workDir(),
            Optional.of(uri),
            defaults.classDataSharing());
  }

  private static boolean classDataSharing(String cds) {
    if (cds == null || cds.isBlank()) {
      return true;
    }
    return switch (cds.strip()) {
      case "on" -> true;
      case "off" -> false;
      default ->
          throw new IllegalArgumentException(
              "BROWNOUT_LOCAL_CDS must be on or off, got \"" + cds + "\"");
    };
  }

  private LocalSettings withClassDataSharing(boolean on) {
    return new LocalSettings(project, edgePort, apiPort, region, workDir, externalAws, on);
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
