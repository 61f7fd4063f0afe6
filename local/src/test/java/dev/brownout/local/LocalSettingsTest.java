package dev.brownout.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class LocalSettingsTest {
  private static final Path PROJECT = Path.of("/work/shop");

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(
      strings = {"http://localhost:4566", "http://127.0.0.1:4566/", "  http://localhost:4566  "})
  void withoutAnEmulatorOrPointingAtItsOwnEdgeTheLocalCloudStartsItsOwnMoto(String url) {
    assertThat(LocalSettings.of(PROJECT, url, null).externalAws()).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"http://localhost:5000", "http://127.0.0.1:4567", "https://aws.internal"})
  void anotherEmulatorIsUsedAsTheAws(String url) {
    assertThat(LocalSettings.of(PROJECT, url, null).externalAws()).contains(URI.create(url));
  }

  @ParameterizedTest
  @ValueSource(strings = {"localhost:5000", "ftp://localhost", "http://", "not a url"})
  void anEndpointThatIsNotAnHttpUrlIsRefusedQuotingIt(String url) {
    assertThatThrownBy(() -> LocalSettings.of(PROJECT, url, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("AWS_ENDPOINT_URL must be a URL like http://localhost:5000")
        .hasMessageContaining("\"" + url + "\"");
  }

  @ParameterizedTest
  @ValueSource(strings = {"http://localhost:5000"})
  void thePortsAndTheWorkDirectoryStayThoseOfTheContract(String url) {
    LocalSettings settings = LocalSettings.of(PROJECT, url, null);

    assertThat(settings.edgeUrl()).isEqualTo(URI.create("http://localhost:4566"));
    assertThat(settings.apiUrl()).isEqualTo(URI.create("http://localhost:3000"));
    assertThat(settings.stateFile()).isEqualTo(Path.of("/work/shop/.brownout/local/state.json"));
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {"on", " on "})
  void classDataSharingIsOnUnlessSwitchedOff(String cds) {
    assertThat(LocalSettings.of(PROJECT, null, cds).classDataSharing()).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"off", "off "})
  void brownoutLocalCdsOffSwitchesClassDataSharingOff(String cds) {
    assertThat(LocalSettings.of(PROJECT, null, cds).classDataSharing()).isFalse();
    assertThat(LocalSettings.of(PROJECT, "http://localhost:5000", cds).classDataSharing())
        .isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {"false", "0", "OFF", "no"})
  void anyOtherClassDataSharingValueIsRefusedQuotingIt(String cds) {
    assertThatThrownBy(() -> LocalSettings.of(PROJECT, null, cds))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("BROWNOUT_LOCAL_CDS must be on or off, got \"" + cds + "\"");
  }
}
