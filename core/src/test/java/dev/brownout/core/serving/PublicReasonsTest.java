package dev.brownout.core.serving;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PublicReasonsTest {

  @ParameterizedTest(name = "\"{0}\" is shown as \"{1}\"")
  @CsvSource(
      delimiter = '|',
      value = {
        "timed out after 500ms                                          | timed out after 500ms",
        "timed out after 1.5s                                           | timed out after 1.5s",
        "could not connect to catalog.internal:8080 within 2s           | could not connect",
        "cannot connect to 10.0.3.7:5432: Network is unreachable        | could not connect",
        "connection to catalog.internal:8080 refused                    | connection refused",
        "DNS lookup failed for catalog.internal                         | DNS lookup failed",
        "TLS handshake with pay.internal:443 failed: PKIX path building | TLS handshake failed",
        "I/O error talking to pay.internal:443: Connection reset        | I/O error",
        "status 503, expected 2xx                                       | status 503, expected 2xx",
        "status 404, expected 200 or 204                                | status 404, expected 200 or 204",
        "slow: answered in 812ms, over the latency budget of 500ms      | slow: answered in 812ms, over the latency budget of 500ms",
        "the body does not match /\"status\":\"UP\"/                    | the body does not match",
        "table shop-products is CREATING, expected ACTIVE               | the table is not ACTIVE",
        "table shop-products does not exist                             | the table does not exist",
        "the check itself failed: java.lang.NullPointerException        | the check itself failed",
      })
  void aKnownKindOfCheckErrorIsShownWithoutItsHostsAndPorts(String error, String shown) {
    assertThat(PublicReasons.ofCheckError(error)).isEqualTo(shown);
  }

  @ParameterizedTest(name = "\"{0}\" is not shown")
  @CsvSource(
      delimiter = '|',
      value = {
        "DynamoDB did not describe table t: User: arn:aws:sts::123456789012:assumed-role/hc/x is not authorized | DynamoDB did not answer",
        "status 503, expected 2xx; see arn:aws:iam::123456789012:role/x | " + PublicReasons.UNKNOWN,
        "timed out after 500ms at catalog.internal:8080                 | " + PublicReasons.UNKNOWN,
        "Unable to execute HTTP request: 10.0.0.1                       | " + PublicReasons.UNKNOWN,
      })
  void anErrorOutsideTheListOrWithMoreThanItsKindShowsNoneOfItsWords(String error, String shown) {
    assertThat(PublicReasons.ofCheckError(error))
        .isEqualTo(shown)
        .doesNotContain("arn:aws", "123456789012", "catalog.internal", "10.0.0.1");
  }

  @ParameterizedTest(name = "\"{0}\" -> \"{1}\"")
  @CsvSource(
      delimiter = '|',
      value = {
        "the status item of pricing is malformed: For input string: \"x\" | the status item of pricing is malformed",
        "the level record is malformed: unknown level HALF            | the level record is malformed",
        "nothing to cut                                               | nothing to cut",
      })
  void aBoardProblemIsShownWithoutItsDetail(String problem, String shown) {
    assertThat(PublicReasons.withoutDetail(problem)).isEqualTo(shown);
  }

  @ParameterizedTest(name = "level reason \"{0}\" -> \"{1}\"")
  @CsvSource(
      delimiter = '|',
      value = {
        "the status item of pricing is malformed: arn:aws:iam::123456789012:role/x is not a number | the status item of pricing is malformed",
        "the level record is malformed: unknown level HALF at 10.0.0.1:5432                         | the level record is malformed",
        "the override is malformed (Unexpected character at pay.internal); it is ignored           | the override is malformed; it is ignored",
        "pricing: unhealthy since 2026-11-27T10:00:00Z                                              | pricing: unhealthy since 2026-11-27T10:00:00Z",
        "override: level pinned to REDUCED (load test)                                              | override: level pinned to REDUCED (load test)",
      })
  void aLevelReasonWithAMalformedItemsDetailIsShownWithoutTheDetailAndBrownoutsOwnReasonsAsTheyAre(
      String reason, String shown) {
    assertThat(PublicReasons.ofLevelReason(reason))
        .isEqualTo(shown)
        .doesNotContain("arn:aws", "10.0.0.1", "pay.internal");
  }
}
