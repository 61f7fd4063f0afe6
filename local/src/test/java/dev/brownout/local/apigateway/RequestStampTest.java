package dev.brownout.local.apigateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RequestStampTest {
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-11-26T10:00:00.123456Z"), ZoneOffset.UTC);

  @Test
  void aStampHasApiGatewaysIdFormatsAndTheArrivalToTheMillisecond() {
    RequestStamp stamp = RequestStamp.next(CLOCK, new Random(1), null);

    UUID requestId = UUID.fromString(stamp.requestId());
    assertThat(requestId.version()).isEqualTo(4);
    assertThat(requestId.variant()).isEqualTo(2);
    assertThat(stamp.extendedRequestId()).matches("[A-Za-z0-9+/]{15}=");
    // 0x6b080320 is 2026-11-26T10:00:00Z in epoch seconds, as X-Ray roots carry it.
    assertThat(stamp.traceId()).matches("Root=1-6b080320-[0-9a-f]{24}");
    assertThat(stamp.time()).isEqualTo(Instant.parse("2026-11-26T10:00:00.123Z"));
  }

  @Test
  void theSameSeedGivesTheSameStampAndManyStampsDoNotRepeat() {
    assertThat(RequestStamp.next(CLOCK, new Random(7), null))
        .isEqualTo(RequestStamp.next(CLOCK, new Random(7), null));
    Random random = new Random(7);
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < 1000; i++) {
      RequestStamp stamp = RequestStamp.next(CLOCK, random, null);
      assertThat(ids.add(stamp.requestId())).isTrue();
      assertThat(ids.add(stamp.extendedRequestId())).isTrue();
      assertThat(ids.add(stamp.traceId())).isTrue();
    }
  }

  static Stream<Arguments> clientTraces() {
    return Stream.of(
        Arguments.of("Root=1-3152b799-8954dae64eda91bc9a23a7e8", true),
        Arguments.of(
            "Root=1-3152b799-8954dae64eda91bc9a23a7e8;Parent=7fa8c0f79203be72;Sampled=1", true),
        Arguments.of("Sampled=1;Root=1-3152b799-8954dae64eda91bc9a23a7e8", true),
        Arguments.of("root=1-3152b799-8954dae64eda91bc9a23a7e8", true),
        Arguments.of("Root=2-3152b799-8954dae64eda91bc9a23a7e8", false),
        Arguments.of("Root=1-3152b799-short", false),
        Arguments.of("Parent=7fa8c0f79203be72", false),
        Arguments.of("", false),
        Arguments.of("garbage", false));
  }

  @ParameterizedTest
  @MethodSource("clientTraces")
  void aClientsWellFormedTraceContinuesAndAnyOtherIsReplaced(String client, boolean kept) {
    RequestStamp stamp = RequestStamp.next(CLOCK, new Random(3), client);

    if (kept) {
      assertThat(stamp.traceId()).isEqualTo(client);
    } else {
      assertThat(stamp.traceId()).matches("Root=1-6b080320-[0-9a-f]{24}");
    }
  }
}
