package dev.brownout.core.serving;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NegotiationTest {

  @ParameterizedTest(name = "Accept \"{0}\" accepts {1}: {2}")
  @CsvSource(
      delimiter = '|',
      nullValues = "NULL",
      value = {
        "NULL                               | application/xml                 | true",
        "''                                 | application/xml                 | true",
        "*/*                                | image/png                       | true",
        "application/json                   | application/json; charset=utf-8 | true",
        "APPLICATION/JSON                   | application/json                | true",
        "application/*                      | application/problem+json        | true",
        "text/*                             | application/json                | false",
        "image/png                          | application/json                | false",
        "text/html, application/json;q=0.9  | application/json                | true",
        "application/json;q=0               | application/json                | false",
        "application/json; q=0.000          | application/json                | false",
        "application/json;q=0.001           | application/json                | true",
        "*/*;q=0, application/xml           | application/json                | false",
        "*/*, application/json;q=0          | application/json                | false",
        "application/json;q=0, */*          | application/json                | false",
        "application/json;q=0, */*          | text/html                       | true",
        "application/*;q=0, application/json | application/json               | true",
      })
  void aContentTypeIsAcceptedByTheRangesThatMatchIt(
      String accept, String contentType, boolean accepted) {
    assertThat(Negotiation.accepts(accept, contentType)).isEqualTo(accepted);
  }

  @ParameterizedTest(name = "Accept \"{0}\", Accept-Language \"{1}\", answered {2}: default {3}")
  @CsvSource(
      delimiter = '|',
      value = {
        "''                                 | ''     | application/xml  | true",
        "*/*                                | ''     | text/html        | true",
        "*/*                                | *      | text/html        | true",
        "application/json                   | ''     | application/json | true",
        "application/json, text/plain, */*  | ''     | application/json | true",
        "application/json;q=0.9             | ''     | application/json; charset=utf-8 | true",
        "application/vnd.shop.v2+json       | ''     | application/vnd.shop.v2+json | false",
        "application/json; version=2        | ''     | application/json | false",
        "application/json                   | ''     | application/json; version=2 | false",
        "application/json                   | ''     | application/xml  | false",
        "application/xml                    | ''     | application/xml  | false",
        "text/html,*/*;q=0.8                | ''     | text/html        | false",
        "''                                 | fr-CH  | application/json | false",
        "application/json                   | en     | application/json | false",
      })
  void onlyAnAnswerToNoNegotiationOrToAskingForJsonIsTheDefaultVariant(
      String accept, String language, String contentType, boolean isDefault) {
    Map<String, String> headers = new HashMap<>();
    if (!accept.isEmpty()) {
      headers.put("accept", accept);
    }
    if (!language.isEmpty()) {
      headers.put("accept-language", language);
    }

    assertThat(Negotiation.isDefaultVariant(headers, contentType)).isEqualTo(isDefault);
  }
}
